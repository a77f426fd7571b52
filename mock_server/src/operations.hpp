// The API's operations on the store, after the pipeline has routed, authenticated and checked
// the request (core.cpp): create, fetch, update, delete, the stored files and a tenant's list.
// The Server facade calls the same functions (create_report, put) as the handlers.
#pragma once

#include "message.hpp"
#include "schedules.hpp"
#include "store.hpp"

#include <reportkit/mock/options.hpp>
#include <reportkit/reports/report.hpp>

namespace reportkit::mock::detail {

class Operations {
public:
    Operations(const Options& options, Store& store, Schedules& schedules)
        : options_(options), store_(store), schedules_(schedules) {}

    Response create(const Request& request);
    Response fetch(const Uuid& id);
    Response update(const Request& request, const Uuid& id);
    Response remove(const Request& request, const Uuid& id);
    Response stored_list(const Uuid& id);
    Response download(const Uuid& id, const Uuid& stored_id);
    Response tenant_reports(const Uuid& tenant);

    // Stores a valid request as POST /reports does: the report, and when it is generated at
    // once (a one-time report due today) its stored files (`save`) or its outbox entry
    // (`send`); the schedules make the others' later. Throws StorageError. `json`, when
    // given, receives the report as the API shows it.
    reports::Report create_report(const reports::ReportRequest& request,
                                  std::string* json = nullptr);
    // Stores a report as given, replacing one with the same id.
    void put(const reports::Report& report);

    // The opt-in usage-history window (Options::usage_history_window): the 400 a create gets
    // while the day its data would include is still being computed, or nothing.
    std::optional<Response> usage_history_refusal(const reports::ReportRequest& request) const;

private:
    const Options& options_;
    Store& store_;
    Schedules& schedules_;
};

} // namespace reportkit::mock::detail

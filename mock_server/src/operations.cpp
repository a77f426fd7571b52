#include "operations.hpp"

#include "errors.hpp"
#include "synthetic.hpp"
#include "text.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/core/validate.hpp>
#include <reportkit/core/write.hpp>
#include <reportkit/reports.hpp>
#include <reportkit/reports/generation.hpp>

#include <charconv>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;

namespace {

Response report_not_found(const Uuid& id) {
    return errors::not_found("no report with id " + id.to_string());
}

// The compressed size of each file a request will produce, computed before the store's lock
// is taken because making the file is the slowest part of a create; `made_at` is when the files
// are expected to be stamped (a file's contents follow its day).
struct FileSizes {
    Timestamp made_at;
    std::vector<std::pair<rp::Format, std::int64_t>> sizes;
};

FileSizes file_sizes(const rp::ReportRequest& request, Timestamp made_at) {
    FileSizes out{made_at, {}};
    if (request.result_action != rp::ResultAction::save)
        return out;
    rp::Report preview = rp::make_report(request, Uuid{});
    for (rp::Format f :
         request.parameters.formats ? *request.parameters.formats : rp::default_formats())
        out.sizes.emplace_back(f, detail::compressed_size(preview, f, made_at));
    return out;
}

} // namespace

rp::Report Operations::create_report(const rp::ReportRequest& request, std::string* json) {
    schedules_.run(); // what came due before this report existed is not its to make
    rp::Report preview = rp::make_report(request, Uuid{});
    const bool now = rp::generated_at_creation(preview, store_.today());
    FileSizes sizes =
        now ? file_sizes(request, Timestamp::from_time(store_.expected_stamp())) : FileSizes{};
    // The store's lock is let go before noted() takes the schedules' (a run takes them in the
    // other order).
    rp::Report report;
    {
        auto tx = store_.write();
        report = rp::make_report(request, tx.next_id());
        std::string stored = tx.put(report);
        if (json)
            *json = std::move(stored);
        if (now && request.result_action == rp::ResultAction::save) {
            auto ready =
                store_.now_ms()
                + std::chrono::duration_cast<std::chrono::milliseconds>(options_.stored_delay)
                      .count();
            for (auto [format, size] : sizes.sizes) {
                Timestamp created = Timestamp::from_time(tx.stamp());
                // Rarely the file is stamped on another day than the sizes assumed: made again.
                if (detail::day_of(created) != detail::day_of(sizes.made_at))
                    size = detail::compressed_size(report, format, created);
                rp::StoredReport item{tx.next_id(), format, size, created,
                                      rp::StoredStatus::in_progress};
                tx.add(StoredFile{report.id, item, report, ready});
            }
        } else if (now) {
            const auto& formats =
                request.parameters.formats ? *request.parameters.formats : rp::default_formats();
            tx.add(OutboxEntry{report.id, request.recipients.value_or(std::vector<Uuid>{}), formats,
                               Timestamp::from_time(tx.stamp())});
        }
        tx.commit();
    }
    if (!now)
        schedules_.noted(report);
    return report;
}

std::optional<Response> Operations::usage_history_refusal(const rp::ReportRequest& request) const {
    if (!options_.usage_history_window)
        return std::nullopt;
    using namespace std::chrono;
    auto now = store_.now();
    auto time_of_day = duration_cast<minutes>(now - floor<days>(now));
    const UsageHistoryWindow& window = *options_.usage_history_window;
    if (time_of_day < window.start || time_of_day >= window.end)
        return std::nullopt;
    Date today = store_.today();
    if (!rp::generated_at_creation(rp::make_report(request, Uuid{}), today))
        return std::nullopt; // made later, when that day's history is ready
    Date yesterday(year_month_day(today.sys_days() - days(1)));
    // usage_current (and any report without a period) reports the day before generation.
    const auto& period = request.parameters.period;
    if (period && request.parameters.kind != rp::Kind::usage_current && period->end < yesterday)
        return std::nullopt;
    return errors::usage_history_not_ready(
        "the usage of " + yesterday.to_string() + " is being computed until "
        + Timestamp::from_time(floor<days>(now) + window.end).to_string());
}

void Operations::put(const rp::Report& report) {
    schedules_.run();
    {
        auto tx = store_.write();
        tx.put(report);
        tx.commit();
    }
    schedules_.noted(report);
}

Response Operations::create(const Request& request) {
    auto parsed = from_json<rp::ReportRequest>(
        request.body, {.today = store_.today(), .max_bytes = options_.max_body});
    if (!parsed)
        return errors::invalid_body(parsed.diagnostics());
    if (auto refused = usage_history_refusal(*parsed))
        return std::move(*refused);
    std::string json;
    create_report(*parsed, &json);
    return json_response(200, std::move(json));
}

Response Operations::fetch(const Uuid& id) {
    auto tx = store_.read();
    if (auto report = tx.report(id))
        return json_response(200, to_json_string(*report));
    return report_not_found(id);
}

Response Operations::update(const Request& request, const Uuid& id) {
    auto update = from_json<rp::ReportUpdate>(
        request.body, {.today = store_.today(), .max_bytes = options_.max_body});
    if (!update)
        return errors::invalid_body(update.diagnostics());
    rp::Report merged;
    std::string json;
    {
        auto tx = store_.write();
        auto stored = tx.report(id);
        if (!stored)
            return report_not_found(id);
        if (stored->schedule.type != rp::ScheduleType::monthly)
            return errors::business_rules("only scheduled (monthly) reports can be updated; "
                                          "/schedule/type is \"once\"");
        merged = rp::apply_update(*stored, *update);
        auto diagnostics = validate(merged, {.today = store_.today()});
        if (has_errors(diagnostics))
            return errors::invalid_body(diagnostics);
        merged.version = stored->version + 1;
        json = tx.put(merged);
        tx.commit();
    }                         // the store's lock is let go before noted() takes the schedules'
    schedules_.noted(merged); // enabled again: its next 1st counts
    return json_response(200, std::move(json));
}

Response Operations::remove(const Request& request, const Uuid& id) {
    std::optional<std::string> given;
    for (auto& [key, value] : parse_form(request.query))
        if (key == "version")
            given = std::move(value);
    if (!given)
        return errors::bad_query("missing required query parameter \"version\" (an integer)");
    const std::string& text = *given;
    std::int64_t version = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
        return errors::bad_query("query parameter \"version\": expected an integer, got \""
                                 + text.substr(0, 40) + "\"");
    auto tx = store_.write();
    auto stored = tx.report(id);
    if (!stored)
        return report_not_found(id);
    if (stored->version != version)
        return errors::version_mismatch("report " + id.to_string() + " is at version "
                                        + std::to_string(stored->version) + ", the request gave "
                                        + std::to_string(version));
    tx.remove(id);
    tx.commit();
    return empty_response(204);
}

Response Operations::stored_list(const Uuid& id) {
    auto tx = store_.read();
    if (!tx.report(id))
        return report_not_found(id);
    rp::StoredReports list;
    for (const StoredFile& f : tx.stored(id))
        list.items.push_back(store_.shown(f));
    return json_response(200, to_json_string(list));
}

Response Operations::download(const Uuid& id, const Uuid& stored_id) {
    std::optional<StoredFile> file;
    {
        auto tx = store_.read();
        if (!tx.report(id))
            return report_not_found(id);
        for (StoredFile& f : tx.stored(id))
            if (f.item.id == stored_id)
                file = std::move(f);
    }
    if (!file)
        return errors::not_found("report " + id.to_string() + " has no stored file "
                                 + stored_id.to_string());
    if (store_.shown(*file).status != rp::StoredStatus::saved)
        return errors::not_found("stored file " + stored_id.to_string()
                                 + " is not ready yet (status in_progress)");
    Response res{.status = 200,
                 .body = detail::gzip(detail::synthetic_usage(
                     file->source, file->item.report_format, file->item.created_at)),
                 .content_type = "application/octet-stream"};
    res.set_header("Content-Encoding", "gzip");
    return res;
}

Response Operations::tenant_reports(const Uuid& tenant) {
    auto tx = store_.read();
    rp::TenantReports list;
    list.items = tx.tenant_reports(tenant);
    return json_response(200, to_json_string(list));
}

} // namespace reportkit::mock::detail

// The API's payload types under the short names the command line (--type) and the tests use:
// the one list of them, so a new payload is named in one place.
#pragma once

#include <reportkit/reports/error.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/request.hpp>
#include <reportkit/reports/stored.hpp>
#include <reportkit/reports/token.hpp>
#include <reportkit/reports/update.hpp>

#include <string_view>
#include <type_traits>

namespace reportkit::reports {

// Calls f(name, std::type_identity<T>{}) for every payload type, in a fixed order.
template <class F>
void for_each_payload_type(F&& f) {
    f(std::string_view("request"), std::type_identity<ReportRequest>{});
    f(std::string_view("report"), std::type_identity<Report>{});
    f(std::string_view("update"), std::type_identity<ReportUpdate>{});
    f(std::string_view("stored"), std::type_identity<StoredReports>{});
    f(std::string_view("error"), std::type_identity<ApiError>{});
    f(std::string_view("token"), std::type_identity<TokenResponse>{});
    f(std::string_view("tenant-reports"), std::type_identity<TenantReports>{});
}

} // namespace reportkit::reports

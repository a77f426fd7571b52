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

// X(name, Type) for every payload type, in a fixed order (Type is in reportkit::reports).
#define REPORTKIT_PAYLOAD_TYPES(X)                                                                 \
    X("request", ReportRequest)                                                                    \
    X("report", Report)                                                                            \
    X("update", ReportUpdate)                                                                      \
    X("stored", StoredReports)                                                                     \
    X("error", ApiError)                                                                           \
    X("token", TokenResponse)                                                                      \
    X("tenant-reports", TenantReports)

namespace reportkit::reports {

// Calls f(name, std::type_identity<T>{}) for every payload type, in a fixed order.
template <class F>
void for_each_payload_type(F&& f) {
#define REPORTKIT_DETAIL_CALL(name, Type) f(std::string_view(name), std::type_identity<Type>{});
    REPORTKIT_PAYLOAD_TYPES(REPORTKIT_DETAIL_CALL)
#undef REPORTKIT_DETAIL_CALL
}

} // namespace reportkit::reports

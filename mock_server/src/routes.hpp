// The route tables: every operation of the API (below /api/2) and of the admin API (below
// /__admin), one row each. Routing, 404, 405 with `Allow`, the checks a row asks for and the
// journal's "routed" all read these tables, so a new operation is one row plus its handler.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit::mock::detail {

enum class Operation {
    token,
    create,
    fetch,
    update,
    remove,
    stored_list,
    download,
    tenant_reports,
};

enum class AdminOperation {
    journal,
    clear_journal,
    reset,
    state,
    outbox,
    token,
    faults,
    add_fault,
    clear_faults,
    clock,
    move_clock,
};

// How a route's caller proves who it is.
enum class Credentials {
    bearer, // a token from /idp/token; writes need the admin scope
    basic,  // HTTP Basic client credentials, checked by the token endpoint itself
};

template <class Op>
struct Route {
    std::string_view method;
    // Below the table's prefix; a "{name}" segment is an id the request names, which the
    // pipeline parses as a UUID and names in its 400 when it is not one.
    std::string_view pattern;
    Op operation;
    Credentials credentials = Credentials::bearer;
    std::string_view query = {};     // the one query parameter taken (once), or none
    std::string_view body_type = {}; // the media type the body must have, or no body check
};

inline constexpr Route<Operation> api_routes[] = {
    {"POST", "/idp/token", Operation::token, Credentials::basic},
    {"POST", "/reports", Operation::create, Credentials::bearer, {}, "application/json"},
    {"GET", "/reports/{report_id}", Operation::fetch},
    {"PUT", "/reports/{report_id}", Operation::update, Credentials::bearer, {}, "application/json"},
    {"DELETE", "/reports/{report_id}", Operation::remove, Credentials::bearer, "version"},
    {"GET", "/reports/{report_id}/stored", Operation::stored_list},
    {"GET", "/reports/{report_id}/stored/{stored_report_id}", Operation::download},
    {"GET", "/tenants/{tenant_id}/reports", Operation::tenant_reports},
};

inline constexpr std::string_view admin_prefix = "/__admin";

inline constexpr Route<AdminOperation> admin_routes[] = {
    {"GET", "/journal", AdminOperation::journal},
    {"DELETE", "/journal", AdminOperation::clear_journal},
    {"POST", "/reset", AdminOperation::reset},
    {"GET", "/state", AdminOperation::state},
    {"GET", "/outbox", AdminOperation::outbox},
    {"POST", "/token", AdminOperation::token, Credentials::bearer, "scope"},
    {"GET", "/faults", AdminOperation::faults},
    {"POST", "/faults", AdminOperation::add_fault},
    {"DELETE", "/faults", AdminOperation::clear_faults},
    {"GET", "/clock", AdminOperation::clock},
    {"POST", "/clock", AdminOperation::move_clock},
};

// What a table says of a path and method.
template <class Op>
struct Match {
    const Route<Op>* route = nullptr; // the row for this method; null: 404 or 405
    std::string allow{};              // methods of the rows the path matches, for 405's Allow
    // The path's "{name}" segments, in order, with their names.
    std::vector<std::pair<std::string_view, std::string>> ids{};

    bool path_known() const { return !allow.empty(); }
};

// The rows' "{name}" segments against the path's (everything after the table's prefix).
// HEAD is answered as GET.
Match<Operation> match_api(std::string_view method, std::string_view path);
Match<AdminOperation> match_admin(std::string_view method, std::string_view path);

// Whether the path lies below a table's prefix (then that table answers it, 404 included).
bool is_admin_path(std::string_view path);

// "GET|DELETE /__admin/journal, POST /__admin/reset, ...": the admin 404's list of routes.
std::string admin_route_list();

// Whether a request names a row of the API table with its method: the journal's "routed".
bool routed(std::string_view method, std::string_view path);

// Whether a method changes something (and so needs an admin-scope token).
bool is_write(std::string_view method);

} // namespace reportkit::mock::detail

#include "routes.hpp"

#include <reportkit/mock/options.hpp>

namespace reportkit::mock::detail {

namespace {

// Splits "/a/b" into {"a", "b"}; "" into {}.
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    if (path.empty())
        return out;
    if (path.front() == '/')
        path.remove_prefix(1);
    while (true) {
        std::size_t slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            return out;
        path.remove_prefix(slash + 1);
    }
}

bool is_id(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

template <class Op, std::size_t N>
Match<Op> match(const Route<Op> (&table)[N], std::string_view method, std::string_view rest) {
    if (method == "HEAD")
        method = "GET";
    Match<Op> found;
    std::vector<std::string_view> given = segments(rest);
    for (const Route<Op>& route : table) {
        std::vector<std::string_view> wanted = segments(route.pattern);
        if (wanted.size() != given.size())
            continue;
        std::vector<std::pair<std::string_view, std::string>> ids;
        bool same = true;
        for (std::size_t i = 0; same && i < wanted.size(); ++i) {
            if (is_id(wanted[i])) {
                same = !given[i].empty();
                ids.emplace_back(wanted[i].substr(1, wanted[i].size() - 2), given[i]);
            } else {
                same = wanted[i] == given[i];
            }
        }
        if (!same)
            continue;
        if (found.allow.find(route.method) == std::string::npos)
            found.allow += (found.allow.empty() ? "" : ", ") + std::string(route.method);
        if (route.method == method && !found.route) {
            found.route = &route;
            found.ids = std::move(ids);
        }
    }
    return found;
}

// The part of `path` below `prefix` ("/reports/x" of "/api/2/reports/x"), or nullopt when the
// path is not below it.
std::optional<std::string_view> below(std::string_view path, std::string_view prefix) {
    if (!path.starts_with(prefix) || path.size() <= prefix.size() || path[prefix.size()] != '/')
        return std::nullopt;
    return path.substr(prefix.size());
}

} // namespace

Match<Operation> match_api(std::string_view method, std::string_view path) {
    auto rest = below(path, base_path);
    return rest ? match(api_routes, method, *rest) : Match<Operation>{};
}

Match<AdminOperation> match_admin(std::string_view method, std::string_view path) {
    auto rest = below(path, admin_prefix);
    return rest ? match(admin_routes, method, *rest) : Match<AdminOperation>{};
}

bool is_admin_path(std::string_view path) {
    return path == admin_prefix || below(path, admin_prefix).has_value();
}

std::string admin_route_list() {
    std::string out;
    for (std::size_t i = 0; i < std::size(admin_routes); ++i) {
        const auto& route = admin_routes[i];
        bool first_of_path = i == 0 || admin_routes[i - 1].pattern != route.pattern;
        bool last_of_path =
            i + 1 == std::size(admin_routes) || admin_routes[i + 1].pattern != route.pattern;
        if (first_of_path && !out.empty())
            out += ", ";
        out += first_of_path ? std::string(route.method) : "|" + std::string(route.method);
        if (last_of_path) {
            out += " " + std::string(admin_prefix) + std::string(route.pattern);
            if (!route.query.empty())
                out += "[?" + std::string(route.query) + "=...]";
        }
    }
    return "admin routes: " + out;
}

bool routed(std::string_view method, std::string_view path) {
    return match_api(method, path).route != nullptr;
}

bool is_write(std::string_view method) {
    return method == "POST" || method == "PUT" || method == "DELETE";
}

} // namespace reportkit::mock::detail

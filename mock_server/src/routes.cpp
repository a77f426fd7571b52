#include "routes.hpp"

#include <reportkit/mock/options.hpp>

namespace reportkit::mock::detail {

namespace {

// Walks a path's segments ("/a/b": "a", then "b"; "" has none) without making a list of them:
// every request is routed twice (the pipeline, the journal's "routed"), against every row.
class Segments {
public:
    explicit Segments(std::string_view path) : rest_(path), done_(path.empty()) {
        if (!done_ && rest_.front() == '/')
            rest_.remove_prefix(1);
    }
    // The next segment, or nullopt after the last.
    std::optional<std::string_view> next() {
        if (done_)
            return std::nullopt;
        std::size_t slash = rest_.find('/');
        std::string_view segment = rest_.substr(0, slash);
        if (slash == std::string_view::npos)
            done_ = true;
        else
            rest_.remove_prefix(slash + 1);
        return segment;
    }

private:
    std::string_view rest_;
    bool done_;
};

bool is_id(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Whether `given` has the pattern's shape: as many segments, each literal one equal, each
// "{id}" one not empty.
bool fits(std::string_view pattern, std::string_view given) {
    Segments wanted(pattern), got(given);
    while (true) {
        auto w = wanted.next();
        auto g = got.next();
        if (!w || !g)
            return !w && !g;
        if (is_id(*w) ? g->empty() : *w != *g)
            return false;
    }
}

template <class Op, std::size_t N>
Match<Op> match(const Route<Op> (&table)[N], std::string_view method, std::string_view rest) {
    if (method == "HEAD")
        method = "GET";
    Match<Op> found;
    for (const Route<Op>& route : table) {
        if (!fits(route.pattern, rest))
            continue;
        if (found.allow.find(route.method) == std::string::npos)
            found.allow += (found.allow.empty() ? "" : ", ") + std::string(route.method);
        if (route.method == method && !found.route) {
            found.route = &route;
            Segments wanted(route.pattern), got(rest);
            while (auto w = wanted.next()) {
                auto g = got.next();
                if (is_id(*w))
                    found.ids.emplace_back(w->substr(1, w->size() - 2), std::string(*g));
            }
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

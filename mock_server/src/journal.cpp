#include <reportkit/mock/fault.hpp>
#include <reportkit/mock/journal.hpp>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace reportkit::mock {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
                  return std::tolower(x) == std::tolower(y);
              });
}

bool matches(const RecordedRequest& r, std::string_view method, std::string_view path) {
    return (method.empty() || method == r.method) && path_matches(path, r.path);
}

} // namespace

bool path_matches(std::string_view pattern, std::string_view path) {
    if (pattern.empty())
        return true;
    // Segment by segment, so that "*" never swallows a slash and "/a/*" does not match "/a".
    while (true) {
        std::size_t a = pattern.find('/'), b = path.find('/');
        std::string_view p = pattern.substr(0, a), s = path.substr(0, b);
        if (p != s && !(p == "*" && !s.empty()))
            return false;
        if (a == std::string_view::npos || b == std::string_view::npos)
            return a == b;
        pattern.remove_prefix(a + 1);
        path.remove_prefix(b + 1);
    }
}

std::optional<std::string> RecordedRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (iequals(key, name))
            return value;
    return std::nullopt;
}

std::optional<std::string> RecordedRequest::param(std::string_view name) const {
    for (const auto& [key, value] : params)
        if (key == name)
            return value;
    return std::nullopt;
}

std::vector<RecordedRequest> Journal::entries() const {
    std::lock_guard lock(mutex_);
    return {entries_.begin(), entries_.end()};
}

std::size_t Journal::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::size_t Journal::count(std::string_view method, std::string_view path) const {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(
        std::count_if(entries_.begin(), entries_.end(),
                      [&](const RecordedRequest& r) { return matches(r, method, path); }));
}

std::vector<RecordedRequest> Journal::find(std::string_view method, std::string_view path) const {
    std::lock_guard lock(mutex_);
    std::vector<RecordedRequest> out;
    for (const RecordedRequest& r : entries_)
        if (matches(r, method, path))
            out.push_back(r);
    return out;
}

std::optional<RecordedRequest> Journal::last(std::string_view method, std::string_view path) const {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (matches(*it, method, path))
            return *it;
    return std::nullopt;
}

std::vector<RecordedRequest> Journal::unrouted() const {
    std::lock_guard lock(mutex_);
    std::vector<RecordedRequest> out;
    for (const RecordedRequest& r : entries_)
        if (!r.routed)
            out.push_back(r);
    return out;
}

void Journal::require_all_routed() const {
    auto stray = unrouted();
    if (stray.empty())
        return;
    std::ostringstream os;
    os << stray.size() << " request(s) were not answered by a defined route:";
    for (const RecordedRequest& r : stray)
        os << "\n  " << r.method << ' ' << r.path << (r.query.empty() ? "" : "?") << r.query
           << " -> " << r.status;
    throw std::logic_error(os.str());
}

std::size_t Journal::dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

std::size_t Journal::limit() const {
    std::lock_guard lock(mutex_);
    return limit_;
}

void Journal::set_limit(std::size_t limit) {
    std::lock_guard lock(mutex_);
    limit_ = limit;
    trim();
}

void Journal::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
    dropped_ = 0;
}

void Journal::record(RecordedRequest request) {
    std::lock_guard lock(mutex_);
    entries_.push_back(std::move(request));
    trim();
}

void Journal::trim() {
    while (limit_ != 0 && entries_.size() > limit_) {
        entries_.pop_front();
        ++dropped_;
    }
}

} // namespace reportkit::mock

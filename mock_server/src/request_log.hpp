// The request log: one line per request (method, path, status, milliseconds), as text or JSON,
// to the configured sink or stderr. Never a header, query or body: they may carry secrets.
#pragma once

#include <reportkit/mock/options.hpp>

#include <mutex>
#include <string_view>

namespace reportkit::mock::detail {

class RequestLog {
public:
    explicit RequestLog(const Options& options) : options_(options) {}
    void write(std::string_view method, std::string_view path, int status, std::int64_t ms);

private:
    const Options& options_;
    std::mutex mutex_;
};

} // namespace reportkit::mock::detail

#include "request_log.hpp"

#include "text.hpp"

#include <reportkit/core/write.hpp>

#include <iostream>
#include <string>

#include <boost/json.hpp>

namespace reportkit::mock::detail {

void RequestLog::write(std::string_view method, std::string_view path, int status,
                       std::int64_t ms) {
    if (options_.log == LogFormat::off)
        return;
    std::string printable = printable_path(path);
    std::string line;
    if (options_.log == LogFormat::json) // the path is printable ASCII: any writer would do
        line = to_json_string(boost::json::object{
            {"method", method}, {"path", printable}, {"status", status}, {"ms", ms}});
    else
        line = std::string(method) + ' ' + printable + ' ' + std::to_string(status) + ' '
               + std::to_string(ms) + "ms";
    std::lock_guard lock(mutex_);
    if (options_.log_sink)
        options_.log_sink(line);
    else
        std::cerr << line << std::endl;
}

} // namespace reportkit::mock::detail

// The client's base URL taken apart, and refused with a reason when it cannot be used.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h> // CPPHTTPLIB_OPENSSL_SUPPORT: whether https can be used at all

namespace reportkit::detail {

// "https://host:port/api/2" -> origin "https://host:port" (what cpp-httplib connects to) and
// base path "/api/2" (what every request path starts with).
struct BaseUrl {
    std::string origin;
    std::string path;
    std::string error; // non-empty: the URL cannot be used, and why
};

inline BaseUrl split_base_url(std::string_view url) {
    BaseUrl out;
    std::size_t scheme_end = url.find("://");
    std::string_view scheme = scheme_end == std::string_view::npos ? "" : url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") {
        out.error =
            "the base URL \"" + std::string(url)
            + "\" must start with http:// or https://, e.g. https://eu2-cloud.acronis.com/api/2";
        return out;
    }
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
    if (scheme == "https") {
        out.error = "the base URL \"" + std::string(url)
                    + "\" is https, but this cpp-httplib was built without OpenSSL support";
        return out;
    }
#endif
    std::size_t path_start = url.find('/', scheme_end + 3);
    out.origin = std::string(url.substr(0, path_start));
    if (out.origin.size() == scheme_end + 3) {
        out.error = "the base URL \"" + std::string(url) + "\" names no host";
        return out;
    }
    if (path_start != std::string_view::npos)
        out.path = std::string(url.substr(path_start));
    while (!out.path.empty() && out.path.back() == '/')
        out.path.pop_back();
    if (out.path.find_first_of("?#") != std::string::npos)
        out.error = "the base URL \"" + std::string(url) + "\" must not have a query or fragment";
    return out;
}

} // namespace reportkit::detail

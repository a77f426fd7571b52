#include "text.hpp"

#include <cctype>

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/trim.hpp>

namespace reportkit::mock::detail {

std::string url_decode(std::string_view s) {
    auto hex = [](char c) {
        return std::isdigit(static_cast<unsigned char>(c))
                   ? c - '0'
                   : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()
                   && std::isxdigit(static_cast<unsigned char>(s[i + 1]))
                   && std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!body.empty()) {
        std::size_t amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty())
            continue;
        std::size_t eq = pair.find('=');
        out.emplace_back(url_decode(pair.substr(0, eq)),
                         eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1)));
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z')
            return c - 'A';
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 26;
        if (c >= '0' && c <= '9')
            return c - '0' + 52;
        if (c == '+')
            return 62;
        if (c == '/')
            return 63;
        return -1;
    };
    while (!in.empty() && in.back() == '=')
        in.remove_suffix(1);
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : in) {
        int v = value(c);
        if (v < 0)
            return std::nullopt;
        bits = (bits << 6) | static_cast<unsigned>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xff);
        }
    }
    return out;
}

std::string media_type(std::string_view content_type) {
    std::string type(content_type.substr(0, content_type.find(';')));
    boost::algorithm::trim_if(type,
                              boost::algorithm::is_any_of(" \t")); // HTTP's optional whitespace
    boost::algorithm::to_lower(type);
    return type;
}

bool is_b64token(std::string_view token) {
    std::size_t i = 0;
    auto body = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'
               || c == '~' || c == '+' || c == '/';
    };
    while (i < token.size() && body(token[i]))
        ++i;
    while (i < token.size() && token[i] == '=')
        ++i;
    return i == token.size();
}

std::string printable_path(std::string_view path) {
    std::string out;
    for (unsigned char c : path) {
        if (c > 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += {'%', hex[c >> 4], hex[c & 15]};
        }
    }
    return out;
}

} // namespace reportkit::mock::detail

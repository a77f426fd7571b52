// Who may do what, as plain functions of what a request carries, so that tests can check the
// decisions for callers they cannot produce (a non-loopback peer) without a network.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reportkit::mock::detail {

// Constant-time in the length of `given`: no early exit that would tell an attacker how much of
// a guessed token was right.
inline bool same_secret(std::string_view given, std::string_view expected) {
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i) {
        unsigned char e =
            expected.empty() ? 0 : static_cast<unsigned char>(expected[i % expected.size()]);
        diff |= static_cast<unsigned char>(given[i]) ^ e;
    }
    return diff == 0;
}

inline bool is_loopback(std::string_view address) {
    return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

// The /__admin/ API answers loopback callers, and others only with
// `Authorization: Bearer <admin_token>` when an admin token is configured.
inline bool admin_allowed(std::string_view remote_addr, std::string_view authorization,
                          const std::optional<std::string>& admin_token) {
    if (is_loopback(remote_addr))
        return true;
    constexpr std::string_view prefix = "Bearer ";
    return admin_token && authorization.starts_with(prefix)
           && same_secret(authorization.substr(prefix.size()), *admin_token);
}

} // namespace reportkit::mock::detail

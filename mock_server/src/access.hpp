// Who may do what, as plain functions of what a request carries, so that tests can check the
// decisions for callers they cannot produce (a non-loopback peer) without a network.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/uuid/detail/sha1.hpp>

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

// What the store keys a token by: looking a token up is one hash-map or index probe instead of
// a comparison with every token ever issued, and the store never needs the token to find it.
// The candidate found is still compared in constant time (same_secret).
inline std::string token_digest(std::string_view token) {
    boost::uuids::detail::sha1 sha;
    sha.process_bytes(token.data(), token.size());
    boost::uuids::detail::sha1::digest_type digest;
    sha.get_digest(digest);
    // Each word as 8 lower-case hex digits, by hand: every bearer check makes a digest, and
    // five snprintf calls cost more than the hash of a short token.
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex(40, '0');
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t j = 0; j < 8; ++j)
            hex[8 * i + j] = digits[(digest[i] >> (28 - 4 * j)) & 0xf];
    return hex;
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

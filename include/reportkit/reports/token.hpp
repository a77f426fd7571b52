// The answer of POST /idp/token (client credentials).
#pragma once

#include <reportkit/core/define_struct.hpp>
#include <reportkit/core/describe.hpp>
#include <reportkit/core/rules.hpp>

#include <cstdint>
#include <string>

namespace reportkit::reports {

struct TokenResponse {
    REPORTKIT_DEFINE_STRUCT(TokenResponse, (std::string, access_token), (std::string, token_type),
                            (std::int64_t, expires_in), (std::int64_t, expires_on));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The answer of POST /idp/token (client credentials).",
            describe(&TokenResponse::access_token, "The bearer token."),
            describe(&TokenResponse::token_type, "Always bearer."),
            describe(&TokenResponse::expires_in, "Seconds the token is valid: 7200."),
            describe(&TokenResponse::expires_on, "When the token expires, in Unix seconds."));
    }

    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(minimum(&TokenResponse::expires_in, 0));
    }
};

} // namespace reportkit::reports

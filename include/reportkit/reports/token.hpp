// The answer of POST /idp/token (client credentials).
#pragma once

#include <reportkit/core/rules.hpp>

#include <cstdint>
#include <string>

#include <boost/hana/define_struct.hpp>

namespace reportkit::reports {

struct TokenResponse {
    BOOST_HANA_DEFINE_STRUCT(TokenResponse, (std::string, access_token), (std::string, token_type),
                             (std::int64_t, expires_in), (std::int64_t, expires_on));

    static constexpr auto rules() {
        return reportkit::rules(minimum(&TokenResponse::expires_in, 0));
    }
};

} // namespace reportkit::reports

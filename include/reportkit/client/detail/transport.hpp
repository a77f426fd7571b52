// What cpp-httplib's transport errors mean to the client: whether a request may be sent again,
// and how to say what went wrong; and the one 500 a create may be retried on.
#pragma once

#include <reportkit/client/detail/answer.hpp>
#include <reportkit/core/read.hpp>
#include <reportkit/reports/error.hpp>
#include <reportkit/reports/generation.hpp>

#include <string>

#include <httplib.h>

namespace reportkit::detail {

// The platform's 500 for a create while its usage history is late (reports/generation.hpp).
inline bool usage_history_late(const Exchange& exchange) {
    if (exchange.status != 500)
        return false;
    Result<reports::ApiError> api = from_json<reports::ApiError>(exchange.body);
    return api && api->error.message == reports::usage_history_late_message;
}

// Whether cpp-httplib's error means the request never reached the server (so even a POST can
// be sent again without risk of acting twice).
inline bool request_never_sent(httplib::Error e) {
    return e == httplib::Error::Connection || e == httplib::Error::ConnectionTimeout
           || e == httplib::Error::SSLConnection;
}

// Whether the request may have reached the server, but no complete answer came back.
inline bool answer_lost(httplib::Error e) {
    return e == httplib::Error::Read || e == httplib::Error::Write || e == httplib::Error::Unknown;
}

// cpp-httplib's error in words a user can act on.
inline std::string describe(httplib::Error e) {
    switch (e) {
    case httplib::Error::Connection:
        return "could not connect";
    case httplib::Error::ConnectionTimeout:
        return "connecting timed out";
    case httplib::Error::Read:
        return "the connection closed or timed out before a complete answer came";
    case httplib::Error::Write:
        return "the request could not be sent completely";
    case httplib::Error::SSLConnection:
        return "the TLS handshake failed";
    case httplib::Error::SSLServerVerification:
        return "the server's TLS certificate is not trusted";
    case httplib::Error::SSLLoadingCerts:
        return "the trusted certificates could not be loaded";
    default:
        return "cpp-httplib error " + httplib::to_string(e);
    }
}

} // namespace reportkit::detail

// ClientOptions: timeouts, retries, token renewal and polling of reportkit::Client, as one plain
// aggregate for designated initializers: `rk::Client c{url, token, {.read_timeout = 5s}}`.
#pragma once

#include <chrono>
#include <string>

namespace reportkit {

// The platform's documented advice for 50x answers is to retry twice, 1-2 s apart.
struct RetryOptions {
    int retries = 2;                           // extra attempts after the first one
    std::chrono::milliseconds min_delay{1000}; // each wait is drawn from [min_delay, max_delay]
    std::chrono::milliseconds max_delay{2000};
    // A write that reached the server may have taken effect even when the answer was a 50x or
    // never came: a POST retried could create two reports, a PUT apply twice (version + 2), a
    // DELETE answer 404 for its own success. Off: POST, PUT and DELETE are retried only when the
    // connection was never made. On: they are retried like GETs.
    bool retry_writes = false;
};

struct ClientOptions {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds read_timeout{60'000};
    std::chrono::milliseconds write_timeout{60'000};
    RetryOptions retry{};
    // With client credentials, a token is renewed once its remaining lifetime is below this,
    // so that no request goes out with a token that expires on its way.
    std::chrono::seconds token_renewal_margin{60};
    // wait_until_stored polls this often (real generation takes one to two minutes).
    std::chrono::milliseconds poll_interval{5'000};
    bool verify_tls = true;
    std::string ca_cert_path{}; // empty: the system's trust store
    std::string user_agent = "reportkit-client/0.1";
};

// Client credentials of an API client: exchanged for bearer tokens at /idp/token.
struct ClientCredentials {
    std::string client_id;
    std::string client_secret;
};

} // namespace reportkit

// What both example programs need before their first request: a client for the server the
// environment names (rk::Client::from_environment: REPORTKIT_BASE_URL plus REPORTKIT_TOKEN or
// REPORTKIT_CLIENT_ID/REPORTKIT_CLIENT_SECRET) or, when it names none, for an in-process mock
// started here, and the tenant to report on (REPORTKIT_TENANT_ID, the seed page's by default).
#pragma once

#include <reportkit/client.hpp>
#include <reportkit/reports/examples.hpp>

#if __has_include(<reportkit/mock/server.hpp>)
#include <reportkit/mock/server.hpp>
#define REPORTKIT_EXAMPLE_HAS_MOCK 1
#endif

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace reportkit::example {

// The value of an environment variable, or `fallback` when it is unset or empty.
inline std::string env_or(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::string(value) : fallback;
}

struct ExampleServer {
#ifdef REPORTKIT_EXAMPLE_HAS_MOCK
    std::unique_ptr<mock::Server> mock; // the in-process one, when the environment names none
#endif
    std::optional<Client> client; // empty: no server named and no mock built in
    std::string tenant_id =
        env_or("REPORTKIT_TENANT_ID", reports::examples::seed_tenant().to_string());
};

// Says on stdout when it falls back on the mock, on stderr when it has nothing to talk to.
inline ExampleServer connect() {
    ExampleServer server;
    server.client = Client::from_environment();
#ifdef REPORTKIT_EXAMPLE_HAS_MOCK
    if (!server.client) {
        server.mock = std::make_unique<mock::Server>();
        std::cout << "REPORTKIT_BASE_URL is not set: using an in-process mock of the API at "
                  << server.mock->base_url() << "\n\n";
        server.client.emplace(server.mock->base_url(), server.mock->issue_token());
    }
#endif
    if (!server.client)
        std::cerr << "Set REPORTKIT_BASE_URL and REPORTKIT_TOKEN (or REPORTKIT_CLIENT_ID and "
                     "REPORTKIT_CLIENT_SECRET); this build has no mock to fall back on.\n";
    return server;
}

} // namespace reportkit::example

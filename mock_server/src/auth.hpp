// Authentication: the bearer check every API route but the token endpoint makes, the token
// endpoint itself (POST /idp/token, HTTP Basic client credentials), and issuing tokens.
// A token is found by its digest (one lookup, not a scan of every token ever issued) and then
// compared in constant time; tokens expired a day ago are purged whenever one is issued.
#pragma once

#include "message.hpp"
#include "store.hpp"

#include <reportkit/mock/options.hpp>
#include <reportkit/reports/token.hpp>

#include <map>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <variant>

namespace reportkit::mock::detail {

class Auth {
public:
    // Throws std::invalid_argument for a static token that is not a valid bearer token.
    Auth(const Options& options, Store& store);

    // The scope of the request's bearer token, or the 401 to answer.
    std::variant<Scope, Response> bearer(const Request& request);

    // POST /idp/token: 415 unless a form, 401 unless known Basic credentials, 400 unless
    // grant_type=client_credentials; else a token. Throws StorageError when it cannot be kept.
    Response token_endpoint(const Request& request);

    // A token valid for options.token_ttl, stored (and committed) before it is returned.
    reports::TokenResponse issue(Scope scope);

private:
    const Options& options_;
    Store& store_;
    std::unordered_map<std::string, std::string> static_tokens_; // by digest
    // Every grant the store holds, by digest, read at start and kept in step by issue(): a
    // bearer check is one probe here, without the store's lock or a query.
    std::shared_mutex mutex_;
    std::unordered_map<std::string, TokenGrant> grants_;
    std::multimap<std::int64_t, std::string> by_expiry_; // for the purge
};

} // namespace reportkit::mock::detail

#include "auth.hpp"

#include "access.hpp"
#include "errors.hpp"
#include "text.hpp"

#include <reportkit/core/write.hpp>

#include <stdexcept>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;

namespace {

// A token expired this long ago answers "unknown" rather than "expired" anyway: it is purged.
constexpr std::int64_t purge_after_ms = 86'400'000;

constexpr std::string_view form_type = "application/x-www-form-urlencoded";

} // namespace

Auth::Auth(const Options& options, Store& store) : options_(options), store_(store) {
    for (const std::string& t : options.static_tokens) {
        if (t.empty() || !is_b64token(t))
            throw std::invalid_argument("static token is not a valid bearer token: it must be "
                                        "characters from [0-9a-zA-Z-._~+/] and optional '='");
        static_tokens_.emplace(token_digest(t), t);
    }
    // Only the tokens: the reports are not read at start, so a large store opens at once.
    for (TokenGrant& g : store_.read().tokens()) {
        std::string digest = token_digest(g.token);
        by_expiry_.emplace(g.expires_at_ms, digest);
        grants_.emplace(std::move(digest), std::move(g));
    }
}

std::variant<Scope, Response> Auth::bearer(const Request& request) {
    auto header = request.header("Authorization");
    if (!header)
        return errors::bearer_refused("missing Authorization header; expected \"Bearer <token>\"");
    constexpr std::string_view prefix = "Bearer ";
    if (!header->starts_with(prefix))
        return errors::bearer_refused("the Authorization header is not a bearer token");
    std::string_view token = std::string_view(*header).substr(prefix.size());
    if (!is_b64token(token))
        return errors::bearer_refused("malformed bearer token: expected characters from "
                                      "[0-9a-zA-Z-._~+/] followed by optional '='");
    std::string digest = token_digest(token);
    if (auto known = static_tokens_.find(digest);
        known != static_tokens_.end() && same_secret(token, known->second))
        return Scope::admin;
    std::shared_lock lock(mutex_);
    auto grant = grants_.find(digest);
    if (grant == grants_.end() || !same_secret(token, grant->second.token))
        return errors::bearer_refused("unknown bearer token");
    if (store_.now_ms() >= grant->second.expires_at_ms)
        return errors::bearer_refused("the bearer token has expired");
    return grant->second.scope;
}

Response Auth::token_endpoint(const Request& request) {
    std::string type = media_type(request.header_or_empty("Content-Type"));
    if (type != form_type)
        return errors::unsupported_media(form_type, type);
    std::string header = request.header_or_empty("Authorization");
    constexpr std::string_view prefix = "Basic ";
    if (!header.starts_with(prefix))
        return errors::basic_refused(
            "expected HTTP Basic authentication with client_id:client_secret");
    auto decoded = base64_decode(std::string_view(header).substr(prefix.size()));
    std::size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos)
        return errors::basic_refused(
            "malformed Basic credentials; expected base64 of client_id:client_secret");
    std::string_view id = std::string_view(*decoded).substr(0, colon);
    std::string_view secret = std::string_view(*decoded).substr(colon + 1);
    std::optional<Scope> scope;
    for (const ClientCredentials& c : options_.clients) {
        bool id_matches = same_secret(id, c.id);
        bool secret_matches = same_secret(secret, c.secret); // compared even when id differs
        if (id_matches && secret_matches)
            scope = c.scope;
    }
    if (!scope)
        return errors::basic_refused("unknown client or wrong secret");
    std::optional<std::string> grant;
    for (const auto& [key, value] : parse_form(request.body))
        if (key == "grant_type")
            grant = value;
    if (grant != "client_credentials")
        return errors::unsupported_grant(grant ? "grant_type is \"" + grant->substr(0, 40)
                                                     + "\"; expected \"client_credentials\""
                                               : "missing form field "
                                                 "grant_type=client_credentials");
    Response res = json_response(200, to_json_string(issue(*scope)));
    res.set_header("Cache-Control", "no-store");
    return res;
}

rp::TokenResponse Auth::issue(Scope scope) {
    auto ttl_ms = std::chrono::duration_cast<std::chrono::milliseconds>(options_.token_ttl);
    std::int64_t now = store_.now_ms();
    std::unique_lock lock(mutex_);
    auto tx = store_.write();
    tx.purge_tokens(now - purge_after_ms);
    TokenGrant grant{tx.next_token(), scope, now + ttl_ms.count()};
    tx.add(grant);
    auto expires_on = std::chrono::floor<std::chrono::seconds>(tx.stamp()) + options_.token_ttl;
    tx.commit();
    // Stored: the index follows, the purged grants leave it too.
    auto end = by_expiry_.lower_bound(now - purge_after_ms);
    for (auto it = by_expiry_.begin(); it != end; ++it)
        grants_.erase(it->second);
    by_expiry_.erase(by_expiry_.begin(), end);
    std::string digest = token_digest(grant.token);
    by_expiry_.emplace(grant.expires_at_ms, digest);
    grants_.emplace(std::move(digest), grant);
    return rp::TokenResponse{grant.token, "bearer", options_.token_ttl.count(),
                             expires_on.time_since_epoch().count()};
}

} // namespace reportkit::mock::detail

// reportkit::Client: the usage-report API over HTTP(S), one method per operation of API.md.
//
//     rk::Client client{"https://eu2-cloud.acronis.com/api/2", rk::ClientCredentials{id, secret}};
//     rk::ApiResult<rp::Report> created = client.create(request);
//     if (!created)
//         std::cerr << created.error() << '\n'; // status, platform error, violations
//
// Every answer is read with from_json, so a value is always the validated, documented shape;
// anything else is a ClientError. A Client may be shared between threads: cpp-httplib sends one
// request at a time per client, and the token is guarded.
#pragma once

#include <reportkit/client/detail/gzip.hpp>
#include <reportkit/client/detail/http_date.hpp>
#include <reportkit/client/error.hpp>
#include <reportkit/client/options.hpp>
#include <reportkit/core/date.hpp>
#include <reportkit/core/read.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/core/write.hpp>
#include <reportkit/reports/environment.hpp>
#include <reportkit/reports/generation.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/request.hpp>
#include <reportkit/reports/stored.hpp>
#include <reportkit/reports/token.hpp>
#include <reportkit/reports/update.hpp>
#include <reportkit/reports/usage_file.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>

#include <httplib.h>

namespace reportkit {

namespace detail {

// "https://host:port/api/2" -> origin "https://host:port" (what cpp-httplib connects to) and
// base path "/api/2" (what every request path starts with).
struct BaseUrl {
    std::string origin;
    std::string path;
    std::string error; // non-empty: the URL cannot be used, and why
};

inline BaseUrl split_base_url(std::string_view url) {
    BaseUrl out;
    std::size_t scheme_end = url.find("://");
    std::string_view scheme = scheme_end == std::string_view::npos ? "" : url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") {
        out.error =
            "the base URL \"" + std::string(url)
            + "\" must start with http:// or https://, e.g. https://eu2-cloud.acronis.com/api/2";
        return out;
    }
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
    if (scheme == "https") {
        out.error = "the base URL \"" + std::string(url)
                    + "\" is https, but this cpp-httplib was built without OpenSSL support";
        return out;
    }
#endif
    std::size_t path_start = url.find('/', scheme_end + 3);
    out.origin = std::string(url.substr(0, path_start));
    if (out.origin.size() == scheme_end + 3) {
        out.error = "the base URL \"" + std::string(url) + "\" names no host";
        return out;
    }
    if (path_start != std::string_view::npos)
        out.path = std::string(url.substr(path_start));
    while (!out.path.empty() && out.path.back() == '/')
        out.path.pop_back();
    if (out.path.find_first_of("?#") != std::string::npos)
        out.error = "the base URL \"" + std::string(url) + "\" must not have a query or fragment";
    return out;
}

// One HTTP answer, its body already decoded from any Content-Encoding.
struct Exchange {
    int status = 0;
    httplib::Headers headers;
    std::string body;
    bool was_encoded = false; // the body came with Content-Encoding: gzip and was inflated
    int attempts = 0;
};

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

} // namespace detail

class Client {
public:
    // With a bearer token obtained elsewhere; it is sent as it is and never renewed.
    Client(std::string base_url, std::string bearer_token, ClientOptions options = {})
        : Client(Setup{}, std::move(base_url), std::move(options)) {
        state_->token = std::move(bearer_token);
    }

    // With client credentials: tokens are fetched from /idp/token and renewed before expiry.
    Client(std::string base_url, ClientCredentials credentials, ClientOptions options = {})
        : Client(Setup{}, std::move(base_url), std::move(options)) {
        credentials_ = std::move(credentials);
    }

    // The client the environment describes, the way the examples and scripts are pointed at a
    // server: REPORTKIT_BASE_URL, plus REPORTKIT_TOKEN or REPORTKIT_CLIENT_ID and
    // REPORTKIT_CLIENT_SECRET. Empty when REPORTKIT_BASE_URL is not set. When it is set without
    // credentials, every call of the client fails with a configuration error that says so.
    static std::optional<Client> from_environment(ClientOptions options = {}) {
        auto variable = [](const char* name) {
            const char* value = std::getenv(name);
            return std::string(value ? value : "");
        };
        namespace env = reports::environment;
        std::string base_url = variable(env::base_url);
        if (base_url.empty())
            return std::nullopt;
        std::string token = variable(env::token);
        std::string id = variable(env::client_id);
        std::string secret = variable(env::client_secret);
        if (!token.empty())
            return Client(std::move(base_url), std::move(token), std::move(options));
        Client client(std::move(base_url), ClientCredentials{id, std::move(secret)},
                      std::move(options));
        if (id.empty() && client.configuration_error_.empty())
            client.configuration_error_ = std::string(env::base_url) + " is set, but neither "
                                          + env::token + " nor " + env::client_id + " and "
                                          + env::client_secret + " are";
        return client;
    }

    const std::string& base_url() const noexcept { return base_url_; }
    const ClientOptions& options() const noexcept { return options_; }

    // POST /reports. 200 and the stored report (id, version 1) or an error. The request is sent
    // as given, not validated here: the server's verdict (400 with every violation) is the one
    // that counts, and rk::validated(request) checks it locally beforehand when wanted.
    ApiResult<reports::Report> create(const reports::ReportRequest& request) {
        return call<reports::Report>(
            {"POST", base_path_ + "/reports", to_json_string(request), json_type}, 200);
    }

    // GET /reports/{id}.
    ApiResult<reports::Report> get(const Uuid& id) {
        return call<reports::Report>({"GET", report_path(id)}, 200);
    }

    // GET /tenants/{tenant_id}/reports: the ids of a tenant's reports.
    ApiResult<reports::TenantReports> tenant_reports(const Uuid& tenant_id) {
        return call<reports::TenantReports>(
            {"GET", base_path_ + "/tenants/" + tenant_id.to_string() + "/reports"}, 200);
    }

    // PUT /reports/{id}: the full report after the update, its version one higher.
    ApiResult<reports::Report> update(const Uuid& id, const reports::ReportUpdate& update) {
        return call<reports::Report>({"PUT", report_path(id), to_json_string(update), json_type},
                                     200);
    }

    // DELETE /reports/{id}?version=N. A stale version is a 409 with platform code 1001.
    ApiResult<void> remove(const Uuid& id, std::int64_t version) {
        Call request{"DELETE", report_path(id) + "?version=" + std::to_string(version)};
        auto answer = send(request);
        if (auto* error = std::get_if<ClientError>(&answer))
            return std::move(*error);
        auto& exchange = std::get<detail::Exchange>(answer);
        if (exchange.status != 204)
            return unexpected(exchange, request, 204);
        return ApiResult<void>(exchange.status, exchange.attempts);
    }

    // GET /reports/{id}/stored: the files a `save` report produced, each with its status.
    ApiResult<reports::StoredReports> stored(const Uuid& id) {
        return call<reports::StoredReports>({"GET", report_path(id) + "/stored"}, 200);
    }

    // GET /reports/{id}/stored/{stored_id}: the file itself, decompressed. The platform sends
    // it gzip-compressed, announced with Content-Encoding or not; either way it is inflated
    // exactly once, so a file is never returned compressed nor inflated twice.
    ApiResult<std::string> download(const Uuid& id, const Uuid& stored_id) {
        Call request{"GET", report_path(id) + "/stored/" + stored_id.to_string()};
        request.accept = "*/*";
        auto answer = send(request);
        if (auto* error = std::get_if<ClientError>(&answer))
            return std::move(*error);
        auto& exchange = std::get<detail::Exchange>(answer);
        if (exchange.status != 200)
            return unexpected(exchange, request, 200);
        if (!exchange.was_encoded && detail::looks_gzipped(exchange.body)) {
            std::string why;
            std::optional<std::string> inflated = detail::gunzip(exchange.body, why);
            if (!inflated)
                return invalid(exchange, request, "the downloaded file is not valid gzip: " + why);
            exchange.body = std::move(*inflated);
        }
        return ApiResult<std::string>(std::move(exchange.body), exchange.status, exchange.attempts);
    }

    // The usage records of a csv_v2_0 or json_v2_0 item, read and checked with the library's
    // readers (the format is told by the content). A file that is not one of them, or breaks
    // its rules, is an invalid_response error with the diagnostics (line and column for CSV).
    ApiResult<reports::UsageFile> usage(const Uuid& id, const Uuid& stored_id) {
        ApiResult<std::string> file = download(id, stored_id);
        if (!file)
            return file.error();
        Result<reports::UsageFile> read = reports::read_usage_file(*file);
        if (!read)
            return unreadable_file(id, stored_id, file, read.errors());
        return ApiResult<reports::UsageFile>(std::move(*read), file.status(), file.attempts());
    }

    // For large csv_v2_0 files: calls on_record(const UsageRecord&) for each valid row, in
    // order, while the file is inflated and read a buffer at a time, so memory holds the
    // compressed download and one record, never the inflated file or all records. The value
    // counts the rows and holds the diagnostics; rows with errors are not passed on. A
    // json_v2_0 item is an error here (a JSON document is read whole: use usage(id, sid)).
    template <class F>
    requires std::invocable<F&, const reports::UsageRecord&> ApiResult<CsvSummary>
    usage(const Uuid& id, const Uuid& stored_id, F&& on_record) {
        Call request{"GET", report_path(id) + "/stored/" + stored_id.to_string()};
        request.accept = "*/*";
        request.keep_gzip = true;
        auto answer = send(request);
        if (auto* error = std::get_if<ClientError>(&answer))
            return std::move(*error);
        auto& exchange = std::get<detail::Exchange>(answer);
        if (exchange.status != 200) {
            if (std::optional<ClientError> bad = decode(exchange, request))
                return std::move(*bad);
            return unexpected(exchange, request, 200);
        }
        std::string_view body = exchange.body;
        std::optional<detail::GunzipStream> gz;
        if (detail::looks_gzipped(body))
            gz.emplace(body);
        std::size_t offset = 0;
        auto source = [&](char* buffer, std::size_t n) -> std::size_t {
            if (gz)
                return gz->read(buffer, n);
            std::size_t k = std::min(n, body.size() - offset);
            std::copy_n(body.data() + offset, k, buffer);
            offset += k;
            return k;
        };
        // The first bytes tell the format; a JSON document is refused before any row is read.
        char first[256];
        std::size_t got = source(first, sizeof first);
        std::string_view head(first, got);
        if (reports::usage_file_format(head) == reports::Format::json_v2_0
            && head.find_first_not_of(" \t\r\n") != std::string_view::npos)
            return invalid(exchange, request,
                           "the file is json_v2_0; the streaming usage() reads csv_v2_0 (read "
                           "json_v2_0 with usage(id, stored_id))");
        std::size_t replayed = 0;
        CsvReader<reports::UsageRecord> reader(
            detail::CsvSource([&](char* buffer, std::size_t n) -> std::size_t {
                if (replayed < got) {
                    std::size_t k = std::min(n, got - replayed);
                    std::copy_n(first + replayed, k, buffer);
                    replayed += k;
                    return k;
                }
                return source(buffer, n);
            }),
            reports::usage_csv_options());
        CsvSummary summary = for_each_csv_row(reader, on_record);
        if (gz && !gz->error().empty())
            return invalid(exchange, request,
                           "the downloaded file is not valid gzip: " + gz->error());
        if (!summary.valid()) {
            ClientError error =
                invalid(exchange, request, "the file is not a valid csv_v2_0 report file");
            error.body.clear(); // the file may be large; its problems are in the diagnostics
            error.diagnostics = summary.diagnostics;
            return error;
        }
        return ApiResult<CsvSummary>(std::move(summary), exchange.status, exchange.attempts);
    }

    // Polls GET /reports/{id}/stored every options().poll_interval until every item is
    // `saved` (the list is the value). Errors, each with its own kind: an item `failed`
    // (report_failed); nothing to wait for yet (not_generated: a one-time report whose
    // generation_date is after the server's today, a monthly report before its first 1st, a
    // `send` report, whose files are e-mailed); still in progress when `timeout` passes
    // (timed_out). An empty list of a report due now counts as in progress. "Today" is the
    // server's, from its Date header (this machine's clock when it sends none).
    ApiResult<reports::StoredReports> wait_until_stored(const Uuid& id,
                                                        std::chrono::milliseconds timeout) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            ApiResult<reports::StoredReports> listed = stored(id);
            if (!listed)
                return listed;
            std::string pending;
            for (const reports::StoredReport& item : listed->items) {
                if (item.status == reports::StoredStatus::failed)
                    return stored_error(listed, id, ClientErrorKind::report_failed,
                                        "stored item " + item.id.to_string() + " ("
                                            + std::string(to_string(item.report_format))
                                            + ") of report " + id.to_string() + " failed");
                if (item.status != reports::StoredStatus::saved)
                    pending += (pending.empty() ? "" : ", ") + item.id.to_string() + " ("
                               + std::string(to_string(item.report_format)) + ")";
            }
            if (!listed->items.empty() && pending.empty())
                return listed;
            if (listed->items.empty()) {
                ApiResult<reports::Report> report = get(id);
                if (!report)
                    return report.error();
                if (std::optional<std::string> why = not_generated_yet(*report))
                    return stored_error(listed, id, ClientErrorKind::not_generated,
                                        "report " + id.to_string() + " has no files yet: " + *why);
            }
            auto now = std::chrono::steady_clock::now();
            if (now >= deadline)
                return stored_error(listed, id, ClientErrorKind::timed_out,
                                    "report " + id.to_string() + " was not stored within "
                                        + std::to_string(timeout.count()) + " ms; "
                                        + (pending.empty()
                                               ? std::string("no stored item was listed yet "
                                                             "(generation in progress)")
                                               : "still in progress: " + pending));
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                options_.poll_interval, deadline - now));
        }
    }

    // The server's time as its last answer's Date header gave it (this machine's clock until
    // one came): the mock's clock may be anywhere.
    std::chrono::system_clock::time_point server_time() const {
        std::lock_guard lock(state_->time_mutex);
        if (!state_->server_offset)
            return std::chrono::system_clock::now();
        return std::chrono::system_clock::now() + *state_->server_offset;
    }

private:
    static constexpr std::string_view json_type = "application/json";

    struct Call {
        std::string method;
        std::string path;
        std::string body{};
        std::string_view content_type{};
        std::string accept = "application/json";
        std::string authorization{};  // empty: the bearer token of the client
        bool changes_nothing = false; // a POST that may be retried like a GET
        bool keep_gzip = false;       // a 200 body stays compressed (streamed downloads)
    };

    // What several threads may touch: the connection and the token.
    struct State {
        std::unique_ptr<httplib::Client> http;
        std::mutex token_mutex;
        // The server's Date minus this machine's clock at its last answer. A lock of its own:
        // the token's is held while a token is fetched, whose answer sets this too.
        std::mutex time_mutex;
        std::optional<std::chrono::system_clock::duration> server_offset;
        std::string token;
        std::chrono::steady_clock::time_point token_renew_at{};
    };

    struct Setup {};
    Client(Setup, std::string base_url, ClientOptions options)
        : base_url_(std::move(base_url)), options_(std::move(options)),
          state_(std::make_unique<State>()) {
        detail::BaseUrl parts = detail::split_base_url(base_url_);
        configuration_error_ = parts.error;
        base_path_ = parts.path;
        if (!configuration_error_.empty())
            return;
        auto http = std::make_unique<httplib::Client>(parts.origin);
        if (!http->is_valid()) {
            configuration_error_ = "cannot make an HTTP client for \"" + parts.origin + '"';
            return;
        }
        http->set_connection_timeout(options_.connect_timeout);
        http->set_read_timeout(options_.read_timeout);
        http->set_write_timeout(options_.write_timeout);
        http->set_decompress(false); // see detail/gzip.hpp: the client inflates, exactly once
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
        http->enable_server_certificate_verification(options_.verify_tls);
        if (!options_.ca_cert_path.empty())
            http->set_ca_cert_path(options_.ca_cert_path);
#endif
        state_->http = std::move(http);
    }

    void remember_server_time(const detail::Exchange& exchange) {
        auto it = exchange.headers.find("Date");
        if (it == exchange.headers.end())
            return;
        if (auto at = detail::parse_http_date(it->second)) {
            std::lock_guard lock(state_->time_mutex);
            state_->server_offset =
                *at - std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        }
    }

    // Why an empty /stored list of `report` is no sign of work in progress, or nothing.
    std::optional<std::string> not_generated_yet(const reports::Report& report) const {
        using namespace std::chrono;
        if (report.result_action == reports::ResultAction::send)
            return std::string("its result_action is send: its files are e-mailed to the "
                               "recipients, never listed in /stored");
        auto now = server_time();
        Date today(year_month_day(floor<days>(now)));
        if (report.schedule.type == reports::ScheduleType::once) {
            if (reports::generated_at_creation(report, today))
                return std::nullopt;
            return "it is generated on its generation_date, " + report.generation_date->to_string()
                   + " (the server's today is " + today.to_string() + ")";
        }
        auto next = reports::next_generation(report, now);
        if (!next)
            return std::string("it is a disabled monthly report: nothing is generated until it "
                               "is enabled again");
        return "it is a monthly report, generated at 23:59:59 UTC on each 1st; the next is "
               + Timestamp::from_time(*next).to_string();
    }

    std::string report_path(const Uuid& id) const {
        return base_path_ + "/reports/" + id.to_string();
    }

    // Sends `request` with retries; returns the answer whatever its status, or a ClientError
    // when no usable answer came.
    std::variant<detail::Exchange, ClientError> send(const Call& request) {
        if (!configuration_error_.empty())
            return error_for(request, ClientErrorKind::configuration, configuration_error_);
        // A write may be sent again only when the server cannot have acted on it yet.
        const bool replayable =
            request.method == "GET" || request.changes_nothing || options_.retry.retry_writes;
        bool renewed_after_401 = false;
        int attempts = 0;
        while (true) {
            ++attempts;
            httplib::Request http_request;
            http_request.method = request.method;
            http_request.path = request.path;
            http_request.body = request.body;
            http_request.set_header("Accept", request.accept);
            http_request.set_header("Accept-Encoding", "gzip");
            http_request.set_header("User-Agent", options_.user_agent);
            if (!request.content_type.empty())
                http_request.set_header("Content-Type", std::string(request.content_type));
            if (!request.authorization.empty()) {
                http_request.set_header("Authorization", request.authorization);
            } else {
                std::variant<std::string, ClientError> token = bearer_token(false);
                if (auto* error = std::get_if<ClientError>(&token))
                    return std::move(*error);
                http_request.set_header("Authorization", "Bearer " + std::get<std::string>(token));
            }

            httplib::Result result = state_->http->send(http_request);
            const bool more = attempts <= options_.retry.retries;
            if (!result) {
                httplib::Error failure = result.error();
                bool retry = detail::request_never_sent(failure)
                             || (replayable && detail::answer_lost(failure));
                if (retry && more) {
                    pause_before_retry();
                    continue;
                }
                ClientError error = error_for(
                    request, ClientErrorKind::transport,
                    "no answer from " + base_url_ + ": " + detail::describe(failure)
                        + (attempts > 1 ? " (" + std::to_string(attempts) + " attempts)" : ""));
                error.attempts = attempts;
                return error;
            }

            detail::Exchange exchange{result->status, result->headers, std::move(result->body),
                                      false, attempts};
            if (!(request.keep_gzip && exchange.status == 200))
                if (std::optional<ClientError> bad = decode(exchange, request))
                    return std::move(*bad);
            // A rejected token (revoked, or the server restarted) is renewed once per call:
            // the server has not acted on a request it refused to authenticate.
            if (exchange.status == 401 && credentials_ && request.authorization.empty()
                && !renewed_after_401) {
                renewed_after_401 = true;
                std::variant<std::string, ClientError> token = bearer_token(true);
                if (auto* error = std::get_if<ClientError>(&token))
                    return std::move(*error);
                --attempts;
                continue;
            }
            remember_server_time(exchange);
            // The platform's "usage history is late" 500 says the report was not made: a create
            // is retried like a GET (RetryOptions' documented advice for 50x).
            if (exchange.status >= 500 && exchange.status <= 599
                && (replayable || detail::usage_history_late(exchange)) && more) {
                pause_before_retry();
                continue;
            }
            return exchange;
        }
    }

    // Inflates a body sent with Content-Encoding: gzip. Only gzip is asked for, so any other
    // coding is a server fault.
    std::optional<ClientError> decode(detail::Exchange& exchange, const Call& request) const {
        std::string coding;
        auto it = exchange.headers.find("Content-Encoding");
        if (it != exchange.headers.end())
            coding = it->second;
        std::transform(coding.begin(), coding.end(), coding.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (coding.empty() || coding == "identity")
            return std::nullopt;
        if (coding != "gzip" && coding != "x-gzip")
            return invalid(exchange, request,
                           "the answer has Content-Encoding \"" + coding
                               + "\", but only gzip was accepted");
        std::string why;
        std::optional<std::string> inflated = detail::gunzip(exchange.body, why);
        if (!inflated)
            return invalid(exchange, request, "the answer says Content-Encoding: gzip but " + why);
        exchange.body = std::move(*inflated);
        exchange.was_encoded = true;
        return std::nullopt;
    }

    // The bearer token to send: the fixed one, or one from /idp/token that is fetched when
    // there is none, when it is within the renewal margin of expiry, or when `renew` says so.
    std::variant<std::string, ClientError> bearer_token(bool renew) {
        std::lock_guard lock(state_->token_mutex);
        if (!credentials_)
            return state_->token;
        if (!renew && !state_->token.empty()
            && std::chrono::steady_clock::now() < state_->token_renew_at)
            return state_->token;

        auto [name, value] = httplib::make_basic_authentication_header(credentials_->client_id,
                                                                       credentials_->client_secret);
        Call request{"POST", base_path_ + "/idp/token", "grant_type=client_credentials",
                     "application/x-www-form-urlencoded"};
        request.authorization = value;
        request.changes_nothing = true; // fetching a token creates nothing worth protecting
        auto answer = send(request);
        ApiResult<reports::TokenResponse> token =
            typed<reports::TokenResponse>(answer, request, 200);
        if (!token)
            return token.error();
        if (!iequals(token->token_type, "bearer")) {
            ClientError error = invalid(std::get<detail::Exchange>(answer), request,
                                        "the token endpoint answered a token of an unknown type");
            error.diagnostics.push_back(
                {"/token_type", std::string(code::enum_value), Severity::error,
                 "expected \"bearer\", got " + detail::quoted_excerpt(token->token_type)});
            return error;
        }
        // The lifetime is counted on this machine's steady clock from now rather than from
        // `expires_on`, so that a skewed wall clock cannot make a token look valid or expired.
        state_->token = std::move(token->access_token);
        state_->token_renew_at = std::chrono::steady_clock::now()
                                 + std::chrono::seconds(token->expires_in)
                                 - options_.token_renewal_margin;
        return state_->token;
    }

    template <class T>
    ApiResult<T> call(const Call& request, int expected_status) {
        return typed<T>(send(request), request, expected_status);
    }

    // The answer read as T, or the error it is.
    template <class T>
    ApiResult<T> typed(std::variant<detail::Exchange, ClientError> answer, const Call& request,
                       int expected_status) const {
        if (auto* error = std::get_if<ClientError>(&answer))
            return std::move(*error);
        auto& exchange = std::get<detail::Exchange>(answer);
        if (exchange.status != expected_status)
            return unexpected(exchange, request, expected_status);
        // Reading checks the rules too, but two of them are the server's to enforce on
        // requests, not the client's to hold against an answer: the period rule (the server's
        // "today" may be ahead of this machine's, or set by a test), and unknown keys (a newer
        // server may add fields; they come back as warnings, and the documented ones must all
        // be there and valid).
        ReadOptions read;
        read.today = Date(9999, 12, 31);
        read.unknown_keys = Severity::warning;
        Result<T> parsed = from_json<T>(exchange.body, read);
        if (!parsed) {
            ClientError error =
                invalid(exchange, request, "the answer is not the documented shape");
            error.diagnostics = parsed.errors();
            if (!error.diagnostics.empty()) {
                std::ostringstream first;
                first << error.diagnostics.front();
                error.message += " (" + first.str() + ")";
            }
            return error;
        }
        return ApiResult<T>(std::move(*parsed), exchange.status, exchange.attempts);
    }

    // An answer with a status other than the documented success: an http error carrying the
    // platform's error body when the body is one.
    ClientError unexpected(const detail::Exchange& exchange, const Call& request,
                           int expected_status) const {
        if (exchange.status < 400)
            return invalid(exchange, request,
                           "expected status " + std::to_string(expected_status) + ", got "
                               + std::to_string(exchange.status));
        ClientError error = error_for(request, ClientErrorKind::http,
                                      "answered " + std::to_string(exchange.status));
        fill_from(error, exchange);
        Result<reports::ApiError> api = from_json<reports::ApiError>(exchange.body);
        if (api) {
            const reports::PlatformError& platform = api->error;
            if (const auto* number = std::get_if<std::int64_t>(&platform.code);
                number && *number != exchange.status)
                error.message += ", platform code " + std::to_string(*number);
            error.message += ": " + platform.message;
            if (platform.details && platform.details->info)
                error.message += " (" + *platform.details->info + ")";
            error.api = std::move(*api);
            if (error.usage_history_not_ready())
                error.message += "; " + std::string(reports::usage_history_not_ready_advice);
        } else {
            error.message += exchange.body.empty() ? " with an empty body"
                                                   : " without the platform's error body";
            error.diagnostics = api.errors();
        }
        return error;
    }

    ApiResult<reports::UsageFile> unreadable_file(const Uuid& id, const Uuid& stored_id,
                                                  const ApiResult<std::string>& file,
                                                  std::vector<Diagnostic> errors) const {
        ClientError error = error_for({"GET", report_path(id) + "/stored/" + stored_id.to_string()},
                                      ClientErrorKind::invalid_response,
                                      "the file is not a valid csv_v2_0 or json_v2_0 report file");
        error.status = file.status();
        error.attempts = file.attempts();
        if (!errors.empty()) {
            std::ostringstream first;
            first << errors.front();
            error.message += " (" + first.str() + ")";
        }
        error.diagnostics = std::move(errors);
        return error;
    }

    ApiResult<reports::StoredReports> stored_error(const ApiResult<reports::StoredReports>& listed,
                                                   const Uuid& id, ClientErrorKind kind,
                                                   std::string message) const {
        ClientError error =
            error_for({"GET", report_path(id) + "/stored"}, kind, std::move(message));
        error.status = listed.status();
        error.attempts = listed.attempts();
        return error;
    }

    ClientError invalid(const detail::Exchange& exchange, const Call& request,
                        const std::string& what) const {
        ClientError error = error_for(request, ClientErrorKind::invalid_response, what);
        fill_from(error, exchange);
        return error;
    }

    static void fill_from(ClientError& error, const detail::Exchange& exchange) {
        error.status = exchange.status;
        error.body = exchange.body;
        error.attempts = exchange.attempts;
    }

    static ClientError error_for(const Call& request, ClientErrorKind kind, std::string what) {
        ClientError error;
        error.kind = kind;
        error.method = request.method;
        error.path = request.path;
        error.message = request.method + ' ' + request.path + ": " + what;
        return error;
    }

    void pause_before_retry() const {
        auto low = options_.retry.min_delay.count();
        auto high = std::max(low, options_.retry.max_delay.count());
        thread_local std::minstd_rand engine{std::random_device{}()};
        std::uniform_int_distribution<long long> pick(low, high);
        std::this_thread::sleep_for(std::chrono::milliseconds(pick(engine)));
    }

    static bool iequals(std::string_view a, std::string_view b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x))
                   == std::tolower(static_cast<unsigned char>(y));
        });
    }

    std::string base_url_;
    ClientOptions options_;
    std::optional<ClientCredentials> credentials_;
    std::string base_path_;
    std::string configuration_error_;
    std::unique_ptr<State> state_;
};

} // namespace reportkit

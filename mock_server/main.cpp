// reportkit-mock: the usage-report API mock as a standalone process.
//
//   reportkit-mock [--host H] [--port P] [--client ID:SECRET[:read-only]]... [--token T]...
//                  [--token-ttl S] [--seed N] [--stored-delay MS] [--max-body BYTES]
//                  [--state-file PATH] [--now RFC3339] [--today YYYY-MM-DD]
//                  [--usage-history-window HH:MM-HH:MM] [--log text|json|off]
//                  [--threads N] [--request-timeout MS] [--admin-token T]
//                  [--journal-limit N] [--load FILE.json]
//                  [--run -- COMMAND [ARGS...]] [--version] [--help]
//
// The first line on stdout is the base URL; then `token <TOKEN>`, a ready-to-use admin bearer
// token, and one `client <ID> <scope>` line per accepted client. SIGINT and SIGTERM stop it.
// Exit status: 0 stopped by a signal, 1 could not start, 2 usage error; with --run, the
// command's own status.
#include "run_command.hpp"

#include <reportkit/mock/server.hpp>
#include <reportkit/reports/environment.hpp>
#include <reportkit/version.hpp>

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace po = boost::program_options;
namespace mock = reportkit::mock;
namespace env = reportkit::reports::environment;

namespace {

constexpr int exit_start_failed = 1, exit_usage = 2;

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

mock::ClientCredentials parse_client(const std::string& text) {
    std::size_t first = text.find(':');
    if (first == std::string::npos || first == 0)
        throw UsageError("--client expects ID:SECRET or ID:SECRET:read-only, got \"" + text + "\"");
    mock::ClientCredentials c{text.substr(0, first), text.substr(first + 1)};
    // A secret may itself contain ':'; only a final ":read-only"/":admin" is a scope.
    for (auto [suffix, scope] : {std::pair{":read-only", mock::Scope::read_only},
                                 std::pair{":read_only", mock::Scope::read_only},
                                 std::pair{":admin", mock::Scope::admin}}) {
        std::string_view s = suffix;
        if (c.secret.size() > s.size() && c.secret.ends_with(s)) {
            c.secret.resize(c.secret.size() - s.size());
            c.scope = scope;
            break;
        }
    }
    if (c.secret.empty())
        throw UsageError("--client " + c.id + ": the secret is empty");
    return c;
}

// "01:00-06:00": two UTC times of day, the first before the second.
mock::UsageHistoryWindow parse_window(const std::string& text) {
    auto time_of = [&](std::string_view part) -> std::optional<std::chrono::minutes> {
        if (part.size() != 5 || part[2] != ':')
            return std::nullopt;
        for (std::size_t i : {0u, 1u, 3u, 4u})
            if (part[i] < '0' || part[i] > '9')
                return std::nullopt;
        int h = (part[0] - '0') * 10 + (part[1] - '0'), m = (part[3] - '0') * 10 + (part[4] - '0');
        if (h > 24 || m > 59 || (h == 24 && m != 0))
            return std::nullopt;
        return std::chrono::minutes(h * 60 + m);
    };
    std::size_t dash = text.find('-');
    auto start =
        dash == std::string::npos ? std::nullopt : time_of(std::string_view(text).substr(0, dash));
    auto end =
        dash == std::string::npos ? std::nullopt : time_of(std::string_view(text).substr(dash + 1));
    if (!start || !end || *start >= *end)
        throw UsageError("--usage-history-window expects HH:MM-HH:MM in UTC, the start before the "
                         "end (the platform's is 01:00-06:00), got \""
                         + text + "\"");
    return mock::UsageHistoryWindow{*start, *end};
}

bool is_loopback_host(const std::string& host) {
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

} // namespace

int main(int argc, char** argv) {
    // Every default is the library's (mock::Options{}), except that a standalone process logs
    // its requests, where an embedded server is quiet unless asked.
    const mock::Options defaults;
    constexpr const char* default_log = "text";

    std::string host, log, state_file, admin_token, now, today, load, usage_window;
    int port = 0;
    long long ttl = 0, stored_delay = 0, request_timeout = 0;
    unsigned long long seed = 0, max_body = 0, threads = 0, journal_limit = 0;
    std::vector<std::string> clients, tokens;

    // Everything after "--" is the command of --run, never the mock's own flags.
    int own_argc = argc;
    std::vector<std::string> command;
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "--") {
            own_argc = i;
            command.assign(argv + i + 1, argv + argc);
            break;
        }

    po::options_description flags("reportkit-mock: the usage-report API (/api/2) served from "
                                  "memory\n\nOptions");
    flags.add_options()("help,h", "show this help and exit")("version",
                                                             "print the version and exit")(
        "host", po::value(&host)->default_value(defaults.host),
        "address to listen on")("port", po::value(&port)->default_value(defaults.port),
                                "port to listen on; 0 picks a free one")(
        "client", po::value(&clients)->composing(),
        "accept this client at POST /api/2/idp/token (HTTP Basic), as ID:SECRET or "
        "ID:SECRET:read-only; repeatable")(
        "token", po::value(&tokens)->composing(),
        "accept this bearer token (admin scope) forever; repeatable")(
        "token-ttl", po::value(&ttl)->default_value(defaults.token_ttl.count()),
        "lifetime of issued tokens, seconds")(
        "seed", po::value(&seed),
        "deterministic mode: ids and tokens follow from this number (timestamps come from the "
        "clock: see --now)")(
        "stored-delay", po::value(&stored_delay)->default_value(defaults.stored_delay.count()),
        "milliseconds (on the mock clock) from a file's generation until it turns from "
        "in_progress to saved")("max-body", po::value(&max_body)->default_value(defaults.max_body),
                                "largest accepted request body in bytes; larger gets 413")(
        "state-file", po::value(&state_file),
        "keep the state in this SQLite database (WAL mode): opened at start, every write "
        "committed before it is answered")(
        "load", po::value(&load),
        "import this JSON file at start, as GET /__admin/state exports it (reports, stored "
        "files, outbox, tokens)")(
        "journal-limit", po::value(&journal_limit)->default_value(defaults.journal_limit),
        "keep this many of the latest requests in the journal (0: all); older ones are dropped")(
        "now", po::value(&now),
        "start the mock clock at this RFC 3339 instant (2017-05-15T10:00:00Z); it then stands "
        "still until POST /__admin/clock moves it. Without it: the system clock")(
        "today", po::value(&today), "shorthand for --now YYYY-MM-DDT00:00:00Z")(
        "usage-history-window", po::value(&usage_window),
        "HH:MM-HH:MM (UTC, on the mock clock), e.g. 01:00-06:00: meanwhile a create whose data "
        "would include yesterday answers 400 \"Usage history is not ready ...\"; off without it")(
        "log", po::value(&log)->default_value(default_log),
        "one line per request on stderr: text, json or off")(
        "threads", po::value(&threads)->default_value(defaults.threads),
        "worker threads; a request being answered holds one (open connections do not)")(
        "request-timeout",
        po::value(&request_timeout)->default_value(defaults.request_timeout.count()),
        "milliseconds a connection has to deliver a whole request, from opening or from its "
        "previous answer; then it is closed")(
        "admin-token", po::value(&admin_token),
        "let non-loopback callers use /__admin/ with \"Authorization: Bearer <this>\"")(
        "run",
        (std::string("serve while the command after \"--\" runs, with ") + env::base_url + " and "
         + env::token + " (and with --client, " + env::client_id + " and " + env::client_secret
         + " of the first client) in its environment; then stop and exit with its status")
            .c_str());

    mock::Options options;
    bool run = false;
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(own_argc, argv).options(flags).run(), vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << "Usage: reportkit-mock [OPTIONS] [--run -- COMMAND [ARGS...]]\n\n"
                      << flags
                      << "\nWithout --run, the first stdout line is the base URL, then \"token "
                         "<TOKEN>\"\n"
                         "and one \"client <ID> <scope>\" line per client. With --run, stdout is "
                         "the command's.\n";
            return 0;
        }
        if (vm.count("version")) {
            std::cout << "reportkit-mock " << reportkit::version << '\n';
            return 0;
        }
        if (vm.count("run") && command.empty())
            throw UsageError("--run needs a command after \"--\", as in --run -- pytest");
        if (!vm.count("run") && own_argc != argc)
            throw UsageError("a command after \"--\" is run only with --run");
        options.host = host;
        if (port < 0 || port > 65535)
            throw UsageError("--port must be 0..65535");
        options.port = port;
        for (const std::string& c : clients)
            options.clients.push_back(parse_client(c));
        options.static_tokens = tokens;
        if (ttl < 0)
            throw UsageError("--token-ttl must not be negative");
        options.token_ttl = std::chrono::seconds(ttl);
        if (vm.count("seed"))
            options.seed = seed;
        if (stored_delay < 0)
            throw UsageError("--stored-delay must not be negative");
        options.stored_delay = std::chrono::milliseconds(stored_delay);
        options.max_body = static_cast<std::size_t>(max_body);
        if (threads < 2 || threads > 1024)
            throw UsageError("--threads must be 2..1024");
        options.threads = static_cast<std::size_t>(threads);
        if (request_timeout < 1 || request_timeout > 86'400'000)
            throw UsageError("--request-timeout must be 1..86400000 ms (a day)");
        options.request_timeout = std::chrono::milliseconds(request_timeout);
        if (vm.count("state-file"))
            options.state_file = state_file;
        if (vm.count("load"))
            options.load = load;
        options.journal_limit = static_cast<std::size_t>(journal_limit);
        if (vm.count("now") && vm.count("today"))
            throw UsageError("--now and --today both start the clock; give one (--today D is "
                             "--now DT00:00:00Z)");
        if (vm.count("now")) {
            std::string why;
            options.now = reportkit::Timestamp::parse(now, &why);
            if (!options.now)
                throw UsageError("--now \"" + now + "\": " + why);
        }
        if (vm.count("today")) {
            std::string why;
            options.today = reportkit::Date::parse(today, &why);
            if (!options.today)
                throw UsageError("--today \"" + today + "\": " + why);
        }
        if (vm.count("usage-history-window"))
            options.usage_history_window = parse_window(usage_window);
        if (log == "text")
            options.log = mock::LogFormat::text;
        else if (log == "json")
            options.log = mock::LogFormat::json;
        else if (log == "off")
            options.log = mock::LogFormat::off;
        else
            throw UsageError("--log must be text, json or off, got \"" + log + "\"");
        if (vm.count("admin-token"))
            options.admin_token = admin_token;
        run = vm.count("run") > 0;
    } catch (const std::exception& e) {
        std::cerr << "reportkit-mock: " << e.what() << "\nTry --help.\n";
        return exit_usage;
    }

    // Blocked before any thread exists, so every worker inherits the mask and the signals wait
    // for sigwait below instead of killing the process mid-write.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigset_t blocked = stop_signals;
    sigaddset(&blocked, SIGCHLD); // --run's command ending, waited for in run_command
    pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
    // Past a file-size limit (ulimit -f), a write fails with EFBIG and is answered 503, instead
    // of the signal ending the mock.
    std::signal(SIGXFSZ, SIG_IGN);

    try {
        if (!is_loopback_host(options.host))
            std::cerr << "reportkit-mock: warning: listening on " << options.host
                      << ", which is reachable from other machines; the mock has no real "
                         "security\n";
        mock::Server server(options);
        std::string token =
            options.static_tokens.empty() ? server.issue_token() : options.static_tokens.front();
        if (run) {
            // The command sees this mock and nothing else: credentials left in the caller's
            // environment (a real data center's, say) are removed unless --client names some.
            std::optional<mock::ClientCredentials> client;
            if (!options.clients.empty())
                client = options.clients.front();
            std::vector<std::pair<std::string, std::optional<std::string>>> environment{
                {env::base_url, server.base_url()},
                {env::token, token},
                {env::client_id, client ? std::optional(client->id) : std::nullopt},
                {env::client_secret, client ? std::optional(client->secret) : std::nullopt}};
            if (options.log != mock::LogFormat::off)
                std::cerr << "reportkit-mock: serving " << server.base_url() << " while \""
                          << command.front() << "\" runs\n";
            int status = mock::tool::run_command(command, environment, stop_signals);
            server.stop();
            return status;
        }
        std::cout << server.base_url() << '\n' << "token " << token << '\n';
        for (const mock::ClientCredentials& c : options.clients)
            std::cout << "client " << c.id << ' '
                      << (c.scope == mock::Scope::admin ? "admin" : "read-only") << '\n';
        std::cout.flush();

        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
        std::cerr << "reportkit-mock: stopped by " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
                  << '\n';
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "reportkit-mock: " << e.what() << '\n';
        return exit_start_failed;
    }
}

// reportkit::mock::Server: a thin facade over the core (core.hpp) and the HTTP adapter
// (http_adapter.hpp). Its methods call the same code as the request handlers.
#include <reportkit/mock/server.hpp>

#include "core.hpp"
#include "http_adapter.hpp"
#include "synthetic.hpp"

#include <reportkit/core/validate.hpp>

#include <sstream>
#include <stdexcept>

namespace reportkit::mock {

namespace rp = reportkit::reports;

struct Server::Impl {
    explicit Impl(Options options) : core(std::move(options)), http(core, core.options()) {}
    detail::Core core;
    detail::HttpAdapter http; // after the core: stopped and destroyed before it
    detail::Store& current();
};

Server::Server(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
    try {
        stop();
    } catch (...) {
        // A destructor must not throw; stop() already did all it could.
    }
}

void Server::stop() {
    impl_->core.stop(); // delayed answers end now
    impl_->http.stop();
}

std::string Server::url() const {
    const std::string& h = impl_->core.options().host;
    bool v6 = h.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + h + "]" : h) + ":" + std::to_string(impl_->http.port());
}

std::string Server::base_url() const {
    return url() + std::string(base_path);
}

const std::string& Server::host() const {
    return impl_->core.options().host;
}

int Server::port() const {
    return impl_->http.port();
}

const Options& Server::options() const {
    return impl_->core.options();
}

std::string Server::issue_token(Scope scope) {
    return impl_->core.auth().issue(scope).access_token;
}

Journal& Server::journal() {
    return impl_->core.journal();
}

Clock& Server::clock() {
    return impl_->core.clock();
}

void Server::inject(Fault fault) {
    impl_->core.faults().add(std::move(fault));
}

void Server::clear_faults() {
    impl_->core.faults().clear();
}

std::size_t Server::pending_faults() const {
    return impl_->core.faults().size();
}

// What the facade shows is what a request would see now: the schedules that came due first.
detail::Store& Server::Impl::current() {
    core.schedules().run();
    return core.store();
}

std::vector<rp::Report> Server::reports() const {
    return impl_->current().read().reports();
}

std::optional<rp::Report> Server::report(const Uuid& id) const {
    return impl_->current().read().report(id);
}

Result<rp::Report> Server::create(const rp::ReportRequest& request) {
    auto diagnostics = validate(request, {.today = impl_->current().today()});
    if (has_errors(diagnostics))
        return Result<rp::Report>(std::move(diagnostics));
    return Result<rp::Report>(impl_->core.operations().create_report(request),
                              std::move(diagnostics));
}

void Server::put(const rp::Report& report) {
    auto diagnostics = validate(report, {.today = Date(9999, 12, 31)});
    if (has_errors(diagnostics)) {
        std::ostringstream os;
        os << "Server::put: the report is not valid";
        for (const Diagnostic& d : diagnostics)
            os << "\n  " << d;
        throw std::invalid_argument(os.str());
    }
    impl_->core.operations().put(report);
}

std::vector<rp::StoredReport> Server::stored(const Uuid& report_id) const {
    auto& store = impl_->current();
    std::vector<rp::StoredReport> out;
    for (const detail::StoredFile& f : store.read().stored(report_id))
        out.push_back(store.shown(f));
    return out;
}

std::optional<std::string> Server::stored_content(const Uuid& report_id,
                                                  const Uuid& stored_id) const {
    for (const detail::StoredFile& f : impl_->current().read().stored(report_id))
        if (f.item.id == stored_id)
            return detail::synthetic_usage(f.source, f.item.report_format, f.item.created_at);
    return std::nullopt;
}

std::vector<OutboxEntry> Server::outbox() const {
    return impl_->current().read().outbox();
}

void Server::reset() {
    impl_->core.reset();
}

std::string Server::dump_state() const {
    return detail::to_text(impl_->current().read().state());
}

} // namespace reportkit::mock

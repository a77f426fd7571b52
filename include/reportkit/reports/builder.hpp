// Fluent builders for the API's request bodies.
//
//     rk::Result<rp::ReportRequest> request = rp::usage_report()
//         .kind(rp::Kind::usage_summary)
//         .tenant("ede9f834-70b3-476c-83d9-736f9f8c7dae")
//         .level(rp::Level::accounts)
//         .period("2017-05-01", "2017-05-07")
//         .once_on("2017-05-08")                          // schedule once + generation_date
//         .send_to({"ca451758-b48a-45d9-9ae6-8f1059f67619"})  // result_action send + recipients
//         .build();
//
// What the compiler can know, it checks: .build() before kind, tenant, level, a schedule and a
// result action are all given does not compile, and neither does giving one of them twice.
// The conditional rules are shaped into the calls (recipients come only with send_to, a
// generation date only with once_on), so they cannot be broken. What only run time can know
// (malformed UUID or date text, start after end, a period in the future) comes back from
// .build() as diagnostics at the JSON Pointer of the field, never as an exception.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/diagnostic.hpp>
#include <reportkit/core/result.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/core/validate.hpp>
#include <reportkit/reports/request.hpp>
#include <reportkit/reports/update.hpp>

#include <concepts>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace reportkit::reports {

// A UUID or date given either as a value or as text. Text is read when .build() runs; text that
// does not read becomes a `format` diagnostic like the one from_json gives.
template <class V>
class TextOr {
public:
    TextOr(const V& value) : value_(value) {}
    template <class S>
    requires std::convertible_to<const S&, std::string_view> TextOr(const S& text)
        : text_(std::string_view(text)) {}

    // The value, or nothing with a diagnostic at `pointer` appended to `problems`.
    std::optional<V> read(std::string pointer, std::vector<Diagnostic>& problems) const {
        if (value_)
            return value_;
        const std::string& text = text_;
        std::string why;
        if (auto value = V::parse(text, &why))
            return value;
        problems.push_back(
            Diagnostic{std::move(pointer), std::string(code::format), Severity::error,
                       "expected " + std::string(V::expected) + ", got \"" + text + "\": " + why});
        return std::nullopt;
    }

private:
    // Two members rather than a variant: g++ 12 at -O2 warns (maybe-uninitialized) on copies of
    // std::variant<V, std::string>, which would break users' -Werror builds.
    std::optional<V> value_;
    std::string text_;
};

using UuidInput = TextOr<Uuid>;
using DateInput = TextOr<Date>;

namespace detail {

// The pieces usage_report() needs before .build(): bits of the builder's type.
enum RequiredPiece : unsigned {
    kind_piece = 1u << 0,
    tenant_piece = 1u << 1,
    level_piece = 1u << 2,
    schedule_piece = 1u << 3,
    result_piece = 1u << 4,
};

// The value being built and the problems met on the way. A setter called again replaces both
// its value and the problems of its earlier call.
template <class T>
struct Draft {
    T value{};
    std::vector<Diagnostic> problems;

    void forget(std::string_view pointer) {
        std::erase_if(problems, [&](const Diagnostic& d) {
            return d.pointer == pointer
                   || (d.pointer.starts_with(pointer) && d.pointer[pointer.size()] == '/');
        });
    }

    std::optional<std::vector<Uuid>> read_all(std::string_view pointer,
                                              const std::vector<UuidInput>& inputs) {
        forget(pointer);
        std::vector<Uuid> out;
        out.reserve(inputs.size());
        bool ok = true;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            auto id = inputs[i].read(std::string(pointer) + '/' + std::to_string(i), problems);
            ok = ok && id;
            if (id)
                out.push_back(*id);
        }
        return ok ? std::optional(std::move(out)) : std::nullopt;
    }

    template <class V>
    std::optional<V> read(std::string_view pointer, const TextOr<V>& input) {
        forget(pointer);
        return input.read(std::string(pointer), problems);
    }

    // Malformed text first: rules judge well-formed values only, as from_json's do.
    Result<T> build(const ValidateOptions& options) const {
        if (!problems.empty())
            return Result<T>(problems);
        return validated(value, options);
    }
};

} // namespace detail

template <unsigned Have>
class UsageReportBuilder {
public:
    UsageReportBuilder<Have | detail::kind_piece> kind(Kind kind) const {
        static_assert(!(Have & detail::kind_piece),
                      "usage_report(): the kind is already set: call .kind() once");
        auto next = draft_;
        next.value.parameters.kind = kind;
        return UsageReportBuilder<Have | detail::kind_piece>(std::move(next));
    }

    UsageReportBuilder<Have | detail::tenant_piece> tenant(const UuidInput& tenant_id) const {
        static_assert(!(Have & detail::tenant_piece),
                      "usage_report(): the tenant is already set: call .tenant() once");
        auto next = draft_;
        if (auto id = next.read("/parameters/tenant_id", tenant_id))
            next.value.parameters.tenant_id = *id;
        return UsageReportBuilder<Have | detail::tenant_piece>(std::move(next));
    }

    UsageReportBuilder<Have | detail::level_piece> level(Level level) const {
        static_assert(!(Have & detail::level_piece),
                      "usage_report(): the level is already set: call .level() once");
        auto next = draft_;
        next.value.parameters.level = level;
        return UsageReportBuilder<Have | detail::level_piece>(std::move(next));
    }

    // ---- optional pieces: calling one again replaces what the earlier call gave ----

    UsageReportBuilder period(const DateInput& start, const DateInput& end) const {
        auto next = draft_;
        auto first = next.read("/parameters/period/start", start);
        auto last = next.read("/parameters/period/end", end);
        next.value.parameters.period =
            Period{first.value_or(Date{}), last.value_or(first.value_or(Date{}))};
        return UsageReportBuilder(std::move(next));
    }

    UsageReportBuilder formats(std::vector<Format> formats) const {
        auto next = draft_;
        next.value.parameters.formats = std::move(formats);
        return UsageReportBuilder(std::move(next));
    }

    UsageReportBuilder hide_zero_usage(bool hide) const {
        auto next = draft_;
        next.value.parameters.hide_zero_usage = hide;
        return UsageReportBuilder(std::move(next));
    }

    UsageReportBuilder show_skus(bool show) const {
        auto next = draft_;
        next.value.parameters.show_skus = show;
        return UsageReportBuilder(std::move(next));
    }

    // ---- the schedule: exactly one of these ----

    // A one-time report, generated now.
    UsageReportBuilder<Have | detail::schedule_piece> once() const {
        return with_schedule(ScheduleType::once, std::nullopt, std::nullopt);
    }

    // A one-time report generated on `date`: the only way to give a generation date.
    UsageReportBuilder<Have | detail::schedule_piece> once_on(const DateInput& date) const {
        return with_schedule(ScheduleType::once, date, std::nullopt);
    }

    // A scheduled report; `enabled` is written out either way, so the payload says it.
    UsageReportBuilder<Have | detail::schedule_piece> monthly(bool enabled = true) const {
        return with_schedule(ScheduleType::monthly, std::nullopt, enabled);
    }

    // ---- the result action: exactly one of these ----

    // Emailed to `recipients`: the only way to give recipients.
    UsageReportBuilder<Have | detail::result_piece>
    send_to(std::vector<UuidInput> recipients) const {
        static_assert(!(Have & detail::result_piece),
                      "usage_report(): the result action is already set: call .send_to() or "
                      ".save() once");
        auto next = draft_;
        next.value.result_action = ResultAction::send;
        next.value.recipients =
            next.read_all("/recipients", recipients).value_or(std::vector<Uuid>{});
        return UsageReportBuilder<Have | detail::result_piece>(std::move(next));
    }
    UsageReportBuilder<Have | detail::result_piece>
    send_to(std::initializer_list<UuidInput> recipients) const {
        return send_to(std::vector<UuidInput>(recipients));
    }
    UsageReportBuilder<Have | detail::result_piece>
    send_to(const std::vector<Uuid>& recipients) const {
        return send_to(std::vector<UuidInput>(recipients.begin(), recipients.end()));
    }

    // Kept on the server, fetched through /reports/{id}/stored.
    UsageReportBuilder<Have | detail::result_piece> save() const {
        static_assert(!(Have & detail::result_piece),
                      "usage_report(): the result action is already set: call .send_to() or "
                      ".save() once");
        auto next = draft_;
        next.value.result_action = ResultAction::save;
        next.value.recipients.reset();
        next.forget("/recipients");
        return UsageReportBuilder<Have | detail::result_piece>(std::move(next));
    }

    // The request, checked against every rule of ReportRequest; `options.today` is the clock
    // for "not in the future".
    Result<ReportRequest> build(const ValidateOptions& options = {}) const {
        static_assert(Have & detail::kind_piece,
                      "usage_report(): .build() needs the kind: call .kind(...) first");
        static_assert(Have & detail::tenant_piece,
                      "usage_report(): .build() needs the tenant: call .tenant(...) first");
        static_assert(Have & detail::level_piece,
                      "usage_report(): .build() needs the level: call .level(...) first");
        static_assert(Have & detail::schedule_piece,
                      "usage_report(): .build() needs the schedule: call .once(), .once_on(date) "
                      "or .monthly() first");
        static_assert(Have & detail::result_piece,
                      "usage_report(): .build() needs the result action: call .send_to({...}) or "
                      ".save() first");
        return draft_.build(options);
    }

private:
    template <unsigned>
    friend class UsageReportBuilder;
    friend UsageReportBuilder<0> usage_report();

    explicit UsageReportBuilder(detail::Draft<ReportRequest> draft) : draft_(std::move(draft)) {}

    UsageReportBuilder<Have | detail::schedule_piece>
    with_schedule(ScheduleType type, const std::optional<DateInput>& generation_date,
                  std::optional<bool> enabled) const {
        static_assert(!(Have & detail::schedule_piece),
                      "usage_report(): the schedule is already set: call .once(), .once_on() or "
                      ".monthly() once");
        auto next = draft_;
        next.value.schedule = Schedule{type, enabled};
        next.value.generation_date.reset();
        next.forget("/generation_date");
        if (generation_date)
            next.value.generation_date =
                next.read("/generation_date", *generation_date).value_or(Date{});
        return UsageReportBuilder<Have | detail::schedule_piece>(std::move(next));
    }

    detail::Draft<ReportRequest> draft_;
};

// Starts a ReportRequest (the body of POST /reports).
inline UsageReportBuilder<0> usage_report() {
    return UsageReportBuilder<0>(detail::Draft<ReportRequest>{});
}

// A ReportUpdate (the body of PUT /reports/{id}): every piece optional, a piece given again
// replaces the earlier one. A template only so that a unit which never builds an update does not
// instantiate its reading and validation, as a class's inline members would.
template <class = void>
class BasicReportUpdateBuilder {
public:
    // New recipients (for a report whose result action is send).
    BasicReportUpdateBuilder send_to(std::vector<UuidInput> recipients) const {
        auto next = *this;
        next.draft_.value.recipients =
            next.draft_.read_all("/recipients", recipients).value_or(std::vector<Uuid>{});
        return next;
    }
    BasicReportUpdateBuilder send_to(std::initializer_list<UuidInput> recipients) const {
        return send_to(std::vector<UuidInput>(recipients));
    }
    BasicReportUpdateBuilder send_to(const std::vector<Uuid>& recipients) const {
        return send_to(std::vector<UuidInput>(recipients.begin(), recipients.end()));
    }

    BasicReportUpdateBuilder kind(Kind kind) const {
        return with_parameters([&](UpdateParameters& p) { p.kind = kind; });
    }
    BasicReportUpdateBuilder level(Level level) const {
        return with_parameters([&](UpdateParameters& p) { p.level = level; });
    }
    BasicReportUpdateBuilder hide_zero_usage(bool hide) const {
        return with_parameters([&](UpdateParameters& p) { p.hide_zero_usage = hide; });
    }
    BasicReportUpdateBuilder show_skus(bool show) const {
        return with_parameters([&](UpdateParameters& p) { p.show_skus = show; });
    }

    BasicReportUpdateBuilder enabled(bool enabled) const {
        auto next = *this;
        next.draft_.value.schedule = UpdateSchedule{enabled};
        return next;
    }
    BasicReportUpdateBuilder enable() const { return enabled(true); }
    BasicReportUpdateBuilder disable() const { return enabled(false); }

    Result<ReportUpdate> build(const ValidateOptions& options = {}) const {
        return draft_.build(options);
    }

private:
    template <class Edit>
    BasicReportUpdateBuilder with_parameters(Edit edit) const {
        auto next = *this;
        auto& parameters = next.draft_.value.parameters;
        if (!parameters)
            parameters.emplace();
        edit(*parameters);
        return next;
    }

    detail::Draft<ReportUpdate> draft_;
};

using ReportUpdateBuilder = BasicReportUpdateBuilder<>;

inline ReportUpdateBuilder report_update() {
    return {};
}

} // namespace reportkit::reports

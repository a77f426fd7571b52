#include "schedules.hpp"

#include "synthetic.hpp"

#include <reportkit/reports/generation.hpp>

#include <algorithm>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;
using namespace std::chrono;

namespace {

// Of any instant, the clock's or a schedule's (which may lie past what the clock holds).
template <class Duration>
std::int64_t ms_of(sys_time<Duration> t) {
    return floor<milliseconds>(t).time_since_epoch().count();
}

} // namespace

void generate(Store::Transaction& tx, const Options& options, const rp::Report& source,
              system_clock::time_point at) {
    Timestamp made = Timestamp::from_time(at);
    const auto& formats =
        source.parameters.formats ? *source.parameters.formats : rp::default_formats();
    if (source.result_action == rp::ResultAction::send) {
        tx.add(
            OutboxEntry{source.id, source.recipients.value_or(std::vector<Uuid>{}), formats, made});
        return;
    }
    std::int64_t ready = ms_of(at) + duration_cast<milliseconds>(options.stored_delay).count();
    for (rp::Format format : formats) {
        std::int64_t size = compressed_size(source, format, made);
        rp::StoredReport item{tx.next_id(), format, size, made, rp::StoredStatus::in_progress};
        tx.add(StoredFile{source.id, item, source, ready});
    }
}

Schedules::Schedules(const Options& options, Store& store)
    : options_(options), store_(store), last_run_(store.now()), high_water_(last_run_) {
    last_run_ms_.store(ms_of(last_run_));
}

void Schedules::noted(const rp::Report& report) {
    auto next = rp::next_generation(report, store_.now());
    if (!next)
        return;
    std::lock_guard lock(mutex_); // not lost to a run storing what it found meanwhile
    next_due_ms_.store(std::min(next_due_ms_.load(), ms_of(*next)));
}

namespace {

// Whether `report` already produced something at `at`: asked only for instants a clock set back
// passes a second time.
bool made_at(Store::Transaction& tx, const rp::Report& report, system_clock::time_point at) {
    Timestamp stamp = Timestamp::from_time(at);
    if (report.result_action == rp::ResultAction::send) {
        for (const OutboxEntry& e : tx.outbox())
            if (e.report_id == report.id && e.sent_at == stamp)
                return true;
        return false;
    }
    for (const StoredFile& f : tx.stored(report.id))
        if (f.item.created_at == stamp)
            return true;
    return false;
}

} // namespace

void Schedules::run() {
    std::int64_t now_ms = store_.now_ms();
    if (now_ms < next_due_ms_.load() && now_ms >= last_run_ms_.load())
        return;
    std::lock_guard lock(mutex_);
    auto now = store_.now();
    if (ms_of(now) < next_due_ms_.load() && ms_of(now) >= last_run_ms_.load())
        return; // another request ran it meanwhile
    // Set back, the clock passes instants again: what was made then is not made twice, what
    // was not (a report created meanwhile) is.
    const auto from = std::min(last_run_, now);
    // Instants of schedules in seconds: a generation_date may lie past what the clock holds.
    const sys_seconds from_s = floor<seconds>(from), now_s = floor<seconds>(now);
    sys_seconds next = now_s + duration_cast<seconds>(years(1));
    auto tx = store_.write();
    auto make = [&](const rp::Report& source, system_clock::time_point at) {
        if (at <= high_water_ && made_at(tx, source, at))
            return;
        generate(tx, options_, source, at);
    };
    for (const rp::Report& report : tx.scheduled(Date(year_month_day(floor<days>(from))))) {
        if (report.schedule.type == rp::ScheduleType::once) {
            if (!report.generation_date)
                continue;
            auto at = rp::once_generation(*report.generation_date);
            if (at > from_s && at <= now_s)
                make(report, at);
            else if (at > now_s)
                next = std::min(next, at);
            continue;
        }
        if (!report.schedule.enabled.value_or(true))
            continue;
        year_month_day first{floor<days>(from)}, last{floor<days>(now)};
        for (year_month month{first.year(), first.month()};
             month <= year_month{last.year(), last.month()}; month += months(1)) {
            auto at = rp::monthly_event(month, report.result_action);
            if (at <= from_s || at > now_s)
                continue;
            rp::Report source = report;
            source.parameters.period = rp::month_covered(month);
            make(source, at);
        }
    }
    tx.commit();
    last_run_ = now;
    last_run_ms_.store(ms_of(now));
    high_water_ = std::max(high_water_, now);
    // Monthly instants are the same for every report: the next one bounds the next run whether
    // or not a monthly report exists (a run that finds nothing costs one read of the store).
    year_month_day today{floor<days>(now)};
    year_month month{today.year(), today.month()};
    for (auto at : {rp::monthly_generation(month), rp::monthly_mailing(month),
                    rp::monthly_generation(month + months(1))})
        if (at > now_s) {
            next = std::min(next, at);
            break;
        }
    next_due_ms_.store(ms_of(next));
}

} // namespace reportkit::mock::detail

#include "faults.hpp"

namespace reportkit::mock::detail {

void Faults::add(Fault fault) {
    if (fault.times == 0)
        return;
    std::lock_guard lock(mutex_);
    faults_.push_back(std::move(fault));
}

void Faults::clear() {
    std::lock_guard lock(mutex_);
    faults_.clear();
}

std::size_t Faults::size() const {
    std::lock_guard lock(mutex_);
    return faults_.size();
}

std::vector<Fault> Faults::list() const {
    std::lock_guard lock(mutex_);
    return faults_;
}

std::optional<Fault> Faults::take(std::string_view method, std::string_view path) {
    std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if ((!it->method.empty() && it->method != method) || !path_matches(it->path, path))
            continue;
        Fault fault = *it;
        if (--it->times == 0)
            faults_.erase(it);
        return fault;
    }
    return std::nullopt;
}

void Faults::pause(std::chrono::milliseconds delay) {
    Turns::Away away(turns);
    std::unique_lock lock(stop_mutex_);
    stop_cv_.wait_for(lock, delay, [&] { return stopping_; });
}

void Faults::stop() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_cv_.notify_all();
}

} // namespace reportkit::mock::detail

// The injected faults: a list under its own lock, matched by method and path, each used up
// after its `times`; and the wait a delayed fault makes, cut short when the server stops.
#pragma once

#include "turns.hpp"

#include <reportkit/mock/fault.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace reportkit::mock::detail {

class Faults {
public:
    void add(Fault fault);
    void clear();
    std::size_t size() const;
    std::vector<Fault> list() const;
    // The first fault matching the request, counted as used once.
    std::optional<Fault> take(std::string_view method, std::string_view path);

    // Waits `delay`, or until stop(); the waiting worker gives its turn up meanwhile.
    void pause(std::chrono::milliseconds delay);
    void stop();
    // The HTTP adapter's turns, set before its workers start (none without it).
    Turns* turns = nullptr;

private:
    mutable std::mutex mutex_;
    std::vector<Fault> faults_;
    std::mutex stop_mutex_;
    std::condition_variable stop_cv_;
    bool stopping_ = false;
};

} // namespace reportkit::mock::detail

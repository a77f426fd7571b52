// Turns to run: a bound on the workers running at once, given up while one waits.
#pragma once

#include <cstddef>
#include <semaphore>

namespace reportkit::mock::detail {

// How many workers run at once. Every worker beyond the cores only adds context switches and
// lock convoys: with 32 running, p99 at 64 connections was 57 ms, with 2-8 it was 12-15 ms.
// The others wait here for a turn instead of in the run queue. A worker that waits
// for a peer (a slow sender, a slow reader) or for a delayed fault gives its turn up meanwhile,
// so that those never hold the running ones up.
class Turns {
public:
    explicit Turns(std::ptrdiff_t running) : free_(running) {}
    void take() { free_.acquire(); }
    void give() { free_.release(); }

    // Gives the turn up for its lifetime (a null Turns: nothing to give).
    class Away {
    public:
        explicit Away(Turns* t) : t_(t) {
            if (t_)
                t_->give();
        }
        ~Away() {
            if (t_)
                t_->take();
        }
        Away(const Away&) = delete;
        Away& operator=(const Away&) = delete;

    private:
        Turns* t_;
    };

private:
    std::counting_semaphore<> free_;
};

} // namespace reportkit::mock::detail

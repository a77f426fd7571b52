// Turns to run: a bound on the workers running at once, given up while one waits.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace reportkit::mock::detail {

// How many workers run at once. Every worker beyond the cores only adds context switches and
// lock convoys: with 32 running, p99 at 64 connections was 57 ms, with 2-8 it was 12-15 ms.
// The others wait here for a turn instead of in the run queue. A worker that waits
// for a peer (a slow sender, a slow reader) or for a delayed fault gives its turn up meanwhile,
// so that those never hold the running ones up.
class Turns {
public:
    explicit Turns(std::ptrdiff_t running) : free_(running) {}
    // A mutex and a condition, not std::counting_semaphore: libstdc++'s spins with
    // sched_yield before it sleeps, which took a tenth of the mock's CPU time under load.
    void take() {
        std::unique_lock lock(mutex_);
        freed_.wait(lock, [&] { return free_ > 0; });
        --free_;
    }
    void give() {
        {
            std::lock_guard lock(mutex_);
            if (++free_ <= 0)
                return; // paid back what a worker coming back took beyond the bound
        }
        freed_.notify_one();
    }
    // Between two requests: a worker keeps its turn unless one came back beyond the bound (the
    // bound is owed a turn), when it gives it and waits for a turn again. Given back and taken
    // again at every request, the give woke a waiting worker that found no turn free and slept
    // again: two context switches and a futex wake-up per request, for nothing.
    void pass() {
        std::unique_lock lock(mutex_);
        if (free_ >= 0)
            return;
        ++free_;
        freed_.wait(lock, [&] { return free_ > 0; });
        --free_;
    }
    // A worker coming back from a wait takes its turn at once, beyond the bound if none is
    // free: it would otherwise wait behind the idle workers that hold the turns in epoll.
    void take_back() {
        std::lock_guard lock(mutex_);
        --free_;
    }

    // Gives the turn up for its lifetime (a null Turns: nothing to give).
    class Away {
    public:
        explicit Away(Turns* t) : t_(t) {
            if (t_)
                t_->give();
        }
        ~Away() {
            if (t_)
                t_->take_back();
        }
        Away(const Away&) = delete;
        Away& operator=(const Away&) = delete;

    private:
        Turns* t_;
    };

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    std::ptrdiff_t free_;
};

} // namespace reportkit::mock::detail

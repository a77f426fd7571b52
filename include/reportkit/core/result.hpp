// Result<T>: a value together with its warnings, or every diagnostic that kept it from being one.
#pragma once

#include <reportkit/core/diagnostic.hpp>

#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace reportkit {

// Thrown only by Result::value() on a result that holds no value; the message lists the
// diagnostics so the exception alone is enough to understand what went wrong.
class bad_result_access : public std::logic_error {
public:
    explicit bad_result_access(const std::vector<Diagnostic>& diagnostics)
        : std::logic_error(describe(diagnostics)) {}

private:
    static std::string describe(const std::vector<Diagnostic>& diagnostics) {
        std::ostringstream os;
        os << "reportkit::Result holds no value";
        for (const Diagnostic& d : diagnostics)
            os << "\n  " << d;
        return os.str();
    }
};

inline bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

template <class T>
class Result;

namespace detail {
// How from_json fills a Result in place: the value is read into the Result's own storage and
// dropped if an error came, where building it aside and moving it in cost two moves of every
// member (a tenth of reading a small document).
struct ResultAccess {
    template <class T>
    static Result<T> make() {
        return Result<T>();
    }
    template <class T>
    static T& emplace_value(Result<T>& r) {
        return r.value_.emplace();
    }
    template <class T>
    static void settle(Result<T>& r, std::vector<Diagnostic> diagnostics, bool keep_value) {
        r.diagnostics_ = std::move(diagnostics);
        if (!keep_value || has_errors(r.diagnostics_))
            r.value_.reset();
    }
};
} // namespace detail

template <class T>
class Result {
public:
    using value_type = T;

    // A value is kept only when no diagnostic is an error; warnings travel with it.
    Result(T value, std::vector<Diagnostic> diagnostics = {})
        : diagnostics_(std::move(diagnostics)) {
        if (!has_errors(diagnostics_))
            value_.emplace(std::move(value));
    }
    explicit Result(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {}

    explicit operator bool() const noexcept { return value_.has_value(); }
    bool has_value() const noexcept { return value_.has_value(); }

    T& operator*() & { return *value_; }
    const T& operator*() const& { return *value_; }
    T&& operator*() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }

    T& value() & { return checked(), *value_; }
    const T& value() const& { return checked(), *value_; }
    T&& value() && { return checked(), std::move(*value_); }

    // Errors and warnings, in the order they were found (document order while reading).
    const std::vector<Diagnostic>& diagnostics() const& noexcept { return diagnostics_; }
    // By value on a temporary, so `for (auto& d : from_json<T>(text).diagnostics())` is safe.
    std::vector<Diagnostic> diagnostics() && noexcept { return std::move(diagnostics_); }
    std::vector<Diagnostic> errors() const { return filter(Severity::error); }
    std::vector<Diagnostic> warnings() const { return filter(Severity::warning); }

private:
    friend struct detail::ResultAccess;
    Result() = default;

    void checked() const {
        if (!value_)
            throw bad_result_access(diagnostics_);
    }
    std::vector<Diagnostic> filter(Severity s) const {
        std::vector<Diagnostic> out;
        std::copy_if(diagnostics_.begin(), diagnostics_.end(), std::back_inserter(out),
                     [s](const Diagnostic& d) { return d.severity == s; });
        return out;
    }

    std::optional<T> value_;
    std::vector<Diagnostic> diagnostics_;
};

} // namespace reportkit

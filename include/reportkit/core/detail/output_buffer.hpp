// The string the JSON writer fills: its whole capacity is opened at once, and a bounded write
// asks for room once and then stores through a raw pointer.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace reportkit::detail {

// The buffer opens the text's likely size (or the string's capacity) at once and cuts the
// string to what was written at the end. A character costs a compare and a store;
// nothing is copied twice (a block buffer appended to the string was a fifth of writing a small
// document).
class OutputBuffer {
public:
    // Room for `expected` more characters, or all the capacity out already has: one resize.
    OutputBuffer(std::string& out, std::size_t expected) : out_(out) {
        std::size_t at = out_.size();
        out_.resize(std::max(out_.capacity(), at + expected));
        p_ = out_.data() + at;
        end_ = out_.data() + out_.size();
    }
    OutputBuffer(const OutputBuffer&) = delete;
    OutputBuffer& operator=(const OutputBuffer&) = delete;

    OutputBuffer& operator+=(char c) {
        room(1);
        *p_++ = c;
        return *this;
    }
    OutputBuffer& operator+=(std::string_view s) {
        append(s.data(), s.size());
        return *this;
    }
    void append(const char* p, std::size_t n) {
        room(n);
        std::memcpy(p_, p, n);
        p_ += n;
    }
    // A copy of a length known at compile time is a few moves, not a call to memcpy: keys,
    // punctuation and literals go this way.
    template <std::size_t N>
    void append_fixed(const char* p) {
        room(N);
        std::memcpy(p_, p, N);
        p_ += N;
    }
    void fill(std::size_t n, char c) {
        room(n);
        std::memset(p_, c, n);
        p_ += n;
    }
    // write(p) writes at most n characters at p and returns their end.
    template <class Write>
    void write_with(std::size_t n, Write write) {
        room(n);
        p_ = write(p_);
    }

    // For writers that go on through a raw pointer: at(p, n) makes room for n characters at p
    // (a position of this buffer, written up to) and returns where p is afterwards; done(p)
    // says that everything up to p is written.
    char* at(char* p, std::size_t n) {
        p_ = p;
        room(n);
        return p_;
    }
    char* position() noexcept { return p_; }
    void done(char* p) noexcept { p_ = p; }

    // Offsets survive growth, pointers do not: a container's opening character is written over
    // the comma in front of its first element once that element exists.
    std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - out_.data()); }
    char& operator[](std::size_t offset) noexcept { return out_[offset]; }

    // The string as written so far; the buffer goes on after whatever is appended to it.
    std::string& flushed() {
        finish();
        return out_;
    }
    void resume() {
        std::size_t at = out_.size();
        out_.resize(out_.capacity());
        p_ = out_.data() + at;
        end_ = out_.data() + out_.size();
    }
    void finish() { out_.resize(offset()); }

private:
    void room(std::size_t n) {
        if (static_cast<std::size_t>(end_ - p_) < n) [[unlikely]]
            grow(n);
    }
    void grow(std::size_t n) {
        std::size_t at = offset();
        out_.resize(std::max(2 * out_.size(), at + n));
        p_ = out_.data() + at;
        end_ = out_.data() + out_.size();
    }

    std::string& out_;
    char* p_;
    char* end_;
};

} // namespace reportkit::detail

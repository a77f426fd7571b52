// The reader's JSON tokenizer: one whole document in memory, strictly RFC 8259 (no comments, no
// trailing commas, no NaN, UTF-8 checked, lone UTF-16 surrogates refused), into a handler's
// events. Why not Boost.JSON's basic_parser: it is built for text that arrives in pieces, and
// its resumable state machine was two thirds of glaze's whole read of the seed request on its
// own. With the document whole, a string without escapes is a view into it, a number is read in
// one loop, and the nesting stack is a small vector. The byte-level scans are in json_scan.hpp,
// UTF-8 in utf8.hpp.
//
// The handler's events:
//   object_begin()   object_end(members)   array_begin()   array_end(items)
//   key(text)   string(text)   int64(v)   uint64(v)   floating(text)   boolean(v)   null()
// A key's or string's text is valid until the next event. Integers without a fraction or an
// exponent come as int64 (uint64 above INT64_MAX); other numbers, and integers beyond 64 bits,
// as their text, for std::from_chars to round exactly where they are used.
#pragma once

#include <reportkit/core/detail/json_scan.hpp>
#include <reportkit/core/detail/utf8.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <boost/container/small_vector.hpp>

namespace reportkit::detail {

// Why a text is not one JSON document: the byte where it broke, and what was expected there and
// what came.
struct JsonSyntaxError {
    std::size_t offset = 0;
    std::string message;
    bool too_deep = false;
};

template <class Handler>
class JsonTokenizer {
public:
    JsonTokenizer(std::string_view text, Handler& handler, std::size_t max_depth)
        : begin_(text.data()), end_(text.data() + text.size()), h_(handler), max_depth_(max_depth) {
    }

    // Reads the whole text as one document; nullopt when it is one. The position is a local,
    // passed to the readers of strings and numbers and returned by them (null when they
    // failed), so that it stays in a register across the handler's calls.
    std::optional<JsonSyntaxError> run() {
        const char* p = begin_;
        const char* const end = end_;
    value:
        p = skip_space(p, end);
        if (p == end)
            return fail(p, "expected a value");
        switch (*p) {
        case '{':
        case '[': {
            bool array = *p == '[';
            if (levels_.size() == max_depth_)
                return deep(p);
            if (array)
                h_.array_begin();
            else
                h_.object_begin();
            levels_.push_back({0, array});
            p = skip_space(p + 1, end);
            if (p != end && *p == (array ? ']' : '}')) {
                ++p;
                close_level();
                goto after_value;
            }
            if (array)
                goto value;
            goto key;
        }
        case '"': {
            std::string_view s;
            if (!(p = string(p, s)))
                return std::move(error_);
            h_.string(s);
            goto after_value;
        }
        case 't':
            if (!literal(p, "true"))
                return fail(p, "expected the literal true");
            h_.boolean(true);
            goto after_value;
        case 'f':
            if (!literal(p, "false"))
                return fail(p, "expected the literal false");
            h_.boolean(false);
            goto after_value;
        case 'n':
            if (!literal(p, "null"))
                return fail(p, "expected the literal null");
            h_.null();
            goto after_value;
        default:
            if (*p == '-' || is_digit(*p)) {
                if (!(p = number(p)))
                    return std::move(error_);
                goto after_value;
            }
            return fail(p, "expected a value");
        }

    key: // at the first byte after '{' or ',' and the space after it
        if (p == end || *p != '"')
            return fail(p, "expected a string key");
        {
            std::string_view k;
            if (!(p = string(p, k)))
                return std::move(error_);
            h_.key(k);
        }
        p = skip_space(p, end);
        if (p == end || *p != ':')
            return fail(p, "expected ':' after the key");
        ++p;
        goto value;

    after_value:
        p = skip_space(p, end);
        if (levels_.empty()) {
            if (p != end)
                return fail(p, "expected the end of the input after the document");
            return std::nullopt;
        }
        {
            Level& level = levels_.back();
            ++level.count;
            if (p != end && *p == ',') {
                p = skip_space(p + 1, end);
                if (level.array)
                    goto value;
                goto key;
            }
            if (p != end && *p == (level.array ? ']' : '}')) {
                ++p;
                close_level();
                goto after_value;
            }
            return fail(p, level.array ? "expected ',' or ']' after an array item"
                                       : "expected ',' or '}' after an object member");
        }
    }

private:
    struct Level {
        std::size_t count;
        bool array;
    };

    // The innermost object or array ends: its handler event with its member or item count.
    void close_level() {
        Level level = levels_.back();
        levels_.pop_back();
        if (level.array)
            h_.array_end(level.count);
        else
            h_.object_end(level.count);
    }

    JsonSyntaxError fail(const char* at, std::string_view expected) const {
        return {static_cast<std::size_t>(at - begin_),
                std::string(expected) + ", got " + describe_json_byte(at, end_), false};
    }
    JsonSyntaxError deep(const char* at) const {
        return {static_cast<std::size_t>(at - begin_), {}, true};
    }
    // For the readers of strings and numbers, which say where they broke through error_.
    const char* broken(const char* at, std::string_view expected) {
        error_ = fail(at, expected);
        return nullptr;
    }

    bool literal(const char*& p, std::string_view word) const noexcept {
        if (static_cast<std::size_t>(end_ - p) < word.size()
            || std::memcmp(p, word.data(), word.size()) != 0)
            return false;
        p += word.size();
        return true;
    }

    // At the opening quote; returns the position past the closing one, `out` the decoded text.
    const char* string(const char* p, std::string_view& out) {
        const char* start = p + 1;
        p = skip_plain(start, end_);
        if (p != end_ && *p == '"') [[likely]] {
            out = std::string_view(start, static_cast<std::size_t>(p - start));
            return p + 1;
        }
        return string_rest(start, p, out);
    }

    // The rest of a string that has escapes, UTF-8 sequences or an error: `run` is where its
    // text began, p the first byte the plain scan stopped at.
    [[gnu::noinline]] const char* string_rest(const char* run, const char* p,
                                              std::string_view& out) {
        bool copied = false; // whether the text is being decoded into scratch_
        for (;; p = skip_plain(p, end_)) {
            if (p == end_)
                return broken(p, "expected '\"' to close the string");
            auto c = static_cast<unsigned char>(*p);
            if (c == '"') {
                if (copied) {
                    scratch_.append(run, p);
                    out = scratch_;
                } else {
                    out = std::string_view(run, static_cast<std::size_t>(p - run));
                }
                return p + 1;
            }
            if (c == '\\') {
                if (!copied)
                    scratch_.clear();
                copied = true;
                scratch_.append(run, p);
                if (!(p = escape(p)))
                    return nullptr;
                run = p;
            } else if (c < 0x20) {
                return broken(p, "expected a control character to be escaped in a string");
            } else if (Utf8Sequence u = utf8_sequence({p, static_cast<std::size_t>(end_ - p)});
                       u.length) {
                p += u.length;
            } else {
                return broken(p + u.bad, "expected UTF-8 text in a string");
            }
        }
    }

    // At a backslash: appends what the escape stands for to scratch_; returns the position
    // after it.
    const char* escape(const char* p) {
        const char* at = p++;
        if (p == end_)
            return broken(p, "expected an escape after '\\'");
        char simple = 0;
        switch (*p) {
        case '"':
            simple = '"';
            break;
        case '\\':
            simple = '\\';
            break;
        case '/':
            simple = '/';
            break;
        case 'b':
            simple = '\b';
            break;
        case 'f':
            simple = '\f';
            break;
        case 'n':
            simple = '\n';
            break;
        case 'r':
            simple = '\r';
            break;
        case 't':
            simple = '\t';
            break;
        case 'u':
            break;
        default:
            return broken(p, "expected one of \" \\ / b f n r t u after '\\'");
        }
        ++p;
        if (simple) {
            scratch_.push_back(simple);
            return p;
        }
        long unit = hex4(p, end_);
        if (unit < 0)
            return broken(p, "expected four hex digits after '\\u'");
        p += 4;
        auto cp = static_cast<unsigned long>(unit);
        if (cp >= 0xdc00 && cp <= 0xdfff)
            return lone_surrogate(at, "expected a high surrogate (\\ud800-\\udbff) before ");
        if (cp >= 0xd800 && cp <= 0xdbff) {
            long low = end_ - p >= 2 && p[0] == '\\' && p[1] == 'u' ? hex4(p + 2, end_) : -1;
            if (low < 0xdc00 || low > 0xdfff)
                return lone_surrogate(at, "expected a low surrogate (\\udc00-\\udfff) after ");
            p += 6;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (static_cast<unsigned long>(low) - 0xdc00);
        }
        append_utf8(scratch_, cp);
        return p;
    }

    // A UTF-16 surrogate without its other half: JSON text is Unicode, and no code point is one.
    const char* lone_surrogate(const char* escape, std::string_view expected) {
        error_ = {static_cast<std::size_t>(escape - begin_),
                  std::string(expected) + std::string(escape, 6), false};
        return nullptr;
    }

    // At '-' or a digit; returns the position after the number.
    const char* number(const char* p) {
        const char* start = p;
        const char* const end = end_;
        bool negative = *p == '-';
        if (negative)
            ++p;
        if (p == end || !is_digit(*p))
            return broken(p, "expected a digit in the number");
        std::uint64_t mantissa = 0;
        bool wide = false; // more than 64 bits
        if (*p == '0') {
            ++p;
            if (p != end && is_digit(*p))
                return broken(p, "expected no digit after a leading 0");
        } else {
            // Eight digits at a time while they fit for sure (up to 16), then one at a time with
            // the overflow seen by the multiply and add themselves.
            if constexpr (std::endian::native == std::endian::little)
                for (int round = 0; round < 2 && end - p >= 8 && eight_digits(load8(p)); ++round) {
                    mantissa = mantissa * 100000000u + eight_digits_value(load8(p));
                    p += 8;
                }
            for (; p != end && is_digit(*p); ++p)
                if (__builtin_mul_overflow(mantissa, 10u, &mantissa)
                    || __builtin_add_overflow(mantissa, static_cast<unsigned>(*p - '0'), &mantissa))
                    wide = true; // mantissa is then unused
        }
        bool integer = true;
        if (p != end && *p == '.') {
            integer = false;
            if (++p == end || !is_digit(*p))
                return broken(p, "expected a digit after the decimal point");
            while (p != end && is_digit(*p))
                ++p;
        }
        if (p != end && (*p == 'e' || *p == 'E')) {
            integer = false;
            if (++p != end && (*p == '+' || *p == '-'))
                ++p;
            if (p == end || !is_digit(*p))
                return broken(p, "expected a digit in the exponent");
            while (p != end && is_digit(*p))
                ++p;
        }
        constexpr auto int64_max =
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (integer && !wide) {
            if (!negative && mantissa <= int64_max) {
                h_.int64(static_cast<std::int64_t>(mantissa));
                return p;
            }
            if (!negative) {
                h_.uint64(mantissa);
                return p;
            }
            if (mantissa <= int64_max + 1) {
                h_.int64(static_cast<std::int64_t>(~mantissa + 1));
                return p;
            }
        }
        h_.floating(std::string_view(start, static_cast<std::size_t>(p - start)));
        return p;
    }

    const char* begin_;
    const char* end_;
    Handler& h_;
    std::size_t max_depth_;
    boost::container::small_vector<Level, 16> levels_;
    std::string scratch_;
    JsonSyntaxError error_;
};

} // namespace reportkit::detail

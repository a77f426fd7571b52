// The CSV tokenizer: bytes -> records of fields (RFC 4180), every problem reported with its line
// and column and the reading carried on, in memory bounded by the record size limit.
//
// Why not Debian's fast-cpp-csv-parser (libfccp-dev), which the benchmark measures against: it
// reads line by line, so a quoted field cannot hold a line break (RFC 4180 allows one); it
// throws at the first problem, so a file's problems cannot all be reported in one pass; its
// column count is a template parameter; it neither checks UTF-8 nor bounds a field below its
// 16 MiB block, and it holds 48 MiB of buffer whatever the file.
#pragma once

#include <reportkit/core/detail/utf8.hpp>
#include <reportkit/core/diagnostic.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit::detail {

// Where the bytes come from: a callable that fills up to n bytes and returns how many (0 at the
// end), so a file, a socket or a decompressor can feed the reader a chunk at a time.
using CsvSource = std::function<std::size_t(char* buffer, std::size_t n)>;

inline CsvSource istream_source(std::istream& in) {
    return [&in](char* buffer, std::size_t n) -> std::size_t {
        in.read(buffer, static_cast<std::streamsize>(n));
        return static_cast<std::size_t>(in.gcount());
    };
}

struct CsvLimits {
    std::size_t max_field_bytes;
    std::size_t max_record_bytes;
    std::size_t buffer_bytes;
};

// 32 bytes: a reader holds one per column of the record it is reading.
struct CsvField {
    std::string_view text;    // unquoted and unescaped
    std::size_t line = 0;     // where the field starts, 1-based
    std::uint32_t column = 0; // (a column past 4 GiB is counted as the last one there is)
    bool quoted = false;      // "" is an empty string, an unquoted empty field is no value
    bool bad = false;         // reported already (encoding, size): not to be read
    bool in_scratch = false;  // its text is in the tokenizer's buffer of unescaped fields
};

// The bytes that end an unquoted field or must be quoted: , " CR LF.
inline constexpr auto csv_special = [] {
    std::array<bool, 256> t{};
    t[','] = t['"'] = t['\r'] = t['\n'] = true;
    return t;
}();

// Eight bytes at a time: the lowest byte of `w` that is c sets its top bit in the result
// (higher bytes may be set falsely after it; only the lowest is used).
inline std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    std::uint64_t x = w ^ (ones * c);
    return (x - ones) & ~x & highs;
}

// The first of , " CR LF at or after i, or end.
inline std::size_t find_special(const char* d, std::size_t i, std::size_t end) {
    if constexpr (std::endian::native == std::endian::little) {
        for (; i + 8 <= end; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, d + i, 8);
            std::uint64_t hit = bytes_equal(w, ',') | bytes_equal(w, '"') | bytes_equal(w, '\r')
                                | bytes_equal(w, '\n');
            if (hit)
                return i + static_cast<std::size_t>(std::countr_zero(hit)) / 8;
        }
    }
    while (i < end && !csv_special[static_cast<unsigned char>(d[i])])
        ++i;
    return i;
}

class CsvTokenizer {
public:
    CsvTokenizer(std::string_view text, const CsvLimits& limits)
        : limits_(limits), data_(text.data()), size_(text.size()), eof_(true) {}
    CsvTokenizer(CsvSource source, const CsvLimits& limits)
        : limits_(limits), source_(std::move(source)) {
        capacity_ = std::max<std::size_t>(limits_.buffer_bytes, 64);
        own_ = std::make_unique<char[]>(capacity_);
        data_ = own_.get();
    }

    // The next record's fields; false at the end of the input. Problems go to `problems`. A
    // record over the size limit is passed over and comes back without fields.
    bool next(std::vector<CsvField>& fields, std::size_t& line, std::vector<Diagnostic>& problems) {
        for (;;) {
            if (pos_ == size_ && !fill())
                return false;
            if (first_) {
                first_ = false;
                skip_bom(problems);
            }
            Status s = parse(fields, problems);
            if (s == Status::need_more) {
                if (size_ - pos_ >= limits_.max_record_bytes) {
                    line = record_line_;
                    skip_record(problems);
                    fields.clear(); // a record without fields: the one skipped
                    return true;
                }
                if (!fill())
                    eof_ = true;
                continue;
            }
            if (s == Status::blank)
                continue;
            line = record_line_;
            return true;
        }
    }

    std::size_t line() const { return line_; }

private:
    enum class Status { record, blank, need_more };

    // More bytes after the current record's start; false when the source has none.
    bool fill() {
        if (eof_ || !source_)
            return false;
        if (pos_ > 0) { // keep only the record being read
            std::memmove(own_.get(), own_.get() + pos_, size_ - pos_);
            size_ -= pos_;
            line_start_ = line_start_ >= pos_ ? line_start_ - pos_ : 0;
            pos_ = 0;
        }
        if (size_ == capacity_) {
            capacity_ *= 2;
            auto bigger = std::make_unique<char[]>(capacity_);
            std::memcpy(bigger.get(), own_.get(), size_);
            own_ = std::move(bigger);
        }
        data_ = own_.get();
        std::size_t n = source_(own_.get() + size_, capacity_ - size_);
        size_ += n;
        if (n == 0)
            eof_ = true;
        return n > 0;
    }

    void report(std::vector<Diagnostic>& problems, std::string_view code, std::size_t line,
                std::size_t column, std::string message) {
        problems.push_back(
            Diagnostic{"", std::string(code), Severity::error, std::move(message), line, column});
    }

    void skip_bom(std::vector<Diagnostic>& problems) {
        while (size_ - pos_ < 3 && !eof_ && fill()) {
        }
        if (std::string_view(data_ + pos_, size_ - pos_).starts_with("\xEF\xBB\xBF")) {
            pos_ += 3;
            line_start_ = pos_;
            problems.push_back(Diagnostic{"", std::string(code::encoding), Severity::warning,
                                          "a UTF-8 byte-order mark before the header; ignored", 1,
                                          1});
        }
    }

    static bool ascii(const char* p, std::size_t n) {
        std::uint64_t high = 0;
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            high |= w;
        }
        for (; i < n; ++i)
            high |= static_cast<unsigned char>(p[i]);
        return !(high & 0x8080808080808080ULL);
    }

    // One record from pos_, or need_more when it may continue past the bytes at hand.
    Status parse(std::vector<CsvField>& fields, std::vector<Diagnostic>& problems) {
        fields.clear();
        scratch_.clear();
        problems_mark_ = problems.size();
        const char* d = data_;
        const std::size_t record_start = pos_;
        std::size_t i = pos_, end = size_;
        std::size_t line = line_, line_start = line_start_;
        record_line_ = line_;
        auto need_more = [&] {
            problems.resize(problems_mark_); // reported again when the record is read whole
            return Status::need_more;
        };
        for (;;) {
            // Built in place: a small struct of bools copied from the stack stalled the store
            // buffer (its bytes written one by one, then read as a whole).
            CsvField& field = fields.emplace_back();
            field.line = line;
            field.column = narrow_column(i - line_start + 1);
            std::size_t begin = i;
            if (i < end && d[i] == '"') {
                std::size_t open_line = line, open_column = field.column;
                field.quoted = true;
                std::size_t seg = ++i;
                bool escaped = false;
                for (;;) {
                    const void* q = i < end ? std::memchr(d + i, '"', end - i) : nullptr;
                    std::size_t stop =
                        q ? static_cast<std::size_t>(static_cast<const char*>(q) - d) : end;
                    for (std::size_t k = i; k < stop; ++k) // line breaks inside the quotes
                        if (d[k] == '\n') {
                            ++line;
                            line_start = k + 1;
                        }
                    if (!q) {
                        if (!eof_)
                            return need_more();
                        report(problems, code::quote, open_line, open_column,
                               "unbalanced quote: the field opened here is not closed before the "
                               "end of the input");
                        field.bad = true;
                        i = end;
                        break;
                    }
                    if (stop + 1 == end && !eof_)
                        return need_more();
                    if (stop + 1 < end && d[stop + 1] == '"') { // "" is one quote
                        if (!escaped) {
                            escaped = true;
                            field.in_scratch = true;
                            begin = scratch_.size();
                        }
                        append_scratch(d + seg, stop + 1 - seg, fields);
                        i = seg = stop + 2;
                        continue;
                    }
                    if (escaped)
                        append_scratch(d + seg, stop - seg, fields);
                    else
                        field.text = std::string_view(d + seg, stop - seg);
                    i = stop + 1;
                    break;
                }
                if (escaped)
                    field.text = std::string_view(scratch_.data() + begin, scratch_.size() - begin);
                // After the closing quote: a comma, CRLF, LF or the end. A lone CR is not a line
                // end (nor data, outside the quotes).
                bool stray = i < end && !csv_special[static_cast<unsigned char>(d[i])];
                if (i < end && d[i] == '\r') {
                    if (i + 1 == end && !eof_)
                        return need_more();
                    stray = i + 1 < end && d[i + 1] != '\n';
                }
                if (stray) {
                    report(problems, code::quote, line, i - line_start + 1,
                           "expected a comma or a line end after the closing quote, got "
                               + describe_byte(d[i]));
                    field.bad = true;
                    while (i < end && d[i] != ',' && d[i] != '\n')
                        ++i;
                }
            } else {
                for (;;) {
                    i = find_special(d, i, end);
                    if (i < end && d[i] == '"') {
                        report(problems, code::quote, line, i - line_start + 1,
                               "a quote inside an unquoted field; quote the whole field and "
                               "double the quotes inside it");
                        field.bad = true;
                        ++i;
                        continue;
                    }
                    if (i < end && d[i] == '\r') {
                        if (i + 1 == end && !eof_)
                            return need_more();
                        if (i + 1 < end && d[i + 1] != '\n') {
                            ++i; // a lone CR is data; only CRLF and LF end a line
                            continue;
                        }
                    }
                    break;
                }
                field.text = std::string_view(d + begin, i - begin);
            }
            if (i == end && !eof_)
                return need_more();
            if (i < end && d[i] == ',') {
                ++i;
                continue;
            }
            // A line end or the end of the input ends the record.
            bool blank = fields.size() == 1 && !field.quoted && field.text.empty();
            if (i < end && d[i] == '\r') {
                if (i + 1 == end && !eof_)
                    return need_more();
                ++i;
            }
            if (i < end && d[i] == '\n') {
                ++i;
                ++line;
                line_start = i;
            }
            pos_ = i;
            line_ = line;
            line_start_ = line_start;
            if (blank)
                return Status::blank;
            break;
        }
        // Most records are ASCII throughout: one pass over the record spares one per field.
        bool all_ascii = ascii(d + record_start, pos_ - record_start);
        for (CsvField& f : fields)
            check_field(f, problems, all_ascii);
        return Status::record;
    }

    static std::uint32_t narrow_column(std::size_t column) {
        return static_cast<std::uint32_t>(std::min<std::size_t>(column, UINT32_MAX));
    }

    // Unescaped text of the record's quoted fields; the fields already in it follow it when it
    // moves (their text would dangle otherwise).
    void append_scratch(const char* p, std::size_t n, std::vector<CsvField>& fields) {
        const char* before = scratch_.data();
        scratch_.append(p, n);
        if (scratch_.data() != before)
            for (CsvField& f : fields)
                if (f.in_scratch && !f.text.empty())
                    f.text =
                        std::string_view(scratch_.data() + (f.text.data() - before), f.text.size());
    }

    void check_field(CsvField& f, std::vector<Diagnostic>& problems, bool known_ascii) {
        if (f.bad)
            return;
        if (f.text.size() > limits_.max_field_bytes) {
            report(problems, code::too_large, f.line, f.column,
                   "field of " + std::to_string(f.text.size()) + " bytes; the limit is "
                       + std::to_string(limits_.max_field_bytes));
            f.bad = true;
            return;
        }
        if (known_ascii)
            return;
        std::string_view s = f.text;
        for (std::size_t i = 0; i < s.size();) {
            if (i + 8 <= s.size()) { // ASCII eight bytes at a time
                std::uint64_t word;
                std::memcpy(&word, s.data() + i, 8);
                if (!(word & 0x8080808080808080ULL)) {
                    i += 8;
                    continue;
                }
            }
            if (static_cast<unsigned char>(s[i]) < 0x80) {
                ++i;
                continue;
            }
            std::size_t n = utf8_sequence_length(s.substr(i));
            if (n == 0) {
                report(problems, code::encoding, f.line, narrow_column(f.column + i),
                       "expected UTF-8 text, got the byte " + describe_byte(s[i]) + " at offset "
                           + std::to_string(i) + " of the field");
                f.bad = true;
                return;
            }
            i += n;
        }
    }

    static std::string describe_byte(char c) {
        auto b = static_cast<unsigned char>(c);
        if (b >= 0x20 && b < 0x7f)
            return std::string("'") + c + "'";
        static constexpr char hex[] = "0123456789abcdef";
        return std::string("0x") + hex[b >> 4] + hex[b & 0xf];
    }

    // A record over the limit: reported once, then its bytes are passed over as they come,
    // quotes tracked so that a line break inside them does not end it.
    void skip_record(std::vector<Diagnostic>& problems) {
        problems.resize(problems_mark_);
        report(problems, code::too_large, record_line_, 1,
               "record longer than " + std::to_string(limits_.max_record_bytes)
                   + " bytes (an unclosed quote makes one of the rest of the file); skipped");
        bool quoted = false;
        for (;;) {
            for (; pos_ < size_; ++pos_) {
                char c = data_[pos_];
                if (c == '"')
                    quoted = !quoted;
                else if (c == '\n') {
                    ++line_;
                    line_start_ = pos_ + 1;
                    if (!quoted) {
                        ++pos_;
                        return;
                    }
                }
            }
            pos_ = size_ = line_start_ = 0; // nothing of it is kept
            if (!fill())
                return;
        }
    }

    CsvLimits limits_;
    CsvSource source_;
    std::unique_ptr<char[]> own_;
    std::size_t capacity_ = 0;
    const char* data_ = nullptr;
    std::size_t size_ = 0, pos_ = 0;
    bool eof_ = false, first_ = true;
    std::size_t line_ = 1, line_start_ = 0, record_line_ = 1;
    std::size_t problems_mark_ = 0;
    std::string scratch_;
};

} // namespace reportkit::detail

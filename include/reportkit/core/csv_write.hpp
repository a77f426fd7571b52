// Writing rows as CSV: the header (dotted names of the row's leaves), then one record per row,
// CRLF line ends, a field quoted only when it must be (a comma, quote or line break in it, or an
// empty string, which must not read back as absent), numbers as the shortest plain decimal
// that reads back exactly (no exponent), booleans True / False, absent optionals empty.
//
//     rk::CsvWriter<Row> writer{std::cout};             // the header is written at once
//     for (const Row& row : rows) writer.write(row);    // streamed: a block at a time
//     std::string text = rk::to_csv(rows);              // all at once
#pragma once

#include <reportkit/core/csv_options.hpp>
#include <reportkit/core/detail/csv_columns.hpp>
#include <reportkit/core/detail/csv_tokenizer.hpp> // find_special

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit {

// Every column of Row, in declaration order: the header to_csv writes by default.
template <Reflected Row>
std::vector<std::string> csv_columns() {
    std::vector<std::string> out;
    for (const auto& leaf : detail::csv_layout<Row>().leaves)
        out.push_back(leaf.name);
    return out;
}

template <Reflected Row>
class CsvWriter {
public:
    // Appends to `out`.
    explicit CsvWriter(std::string& out, CsvWriteOptions options = {})
        : options_(std::move(options)), out_(out) {
        start();
    }
    // Writes to `out` a block at a time; finish() (or the destructor) writes the rest.
    explicit CsvWriter(std::ostream& out, CsvWriteOptions options = {})
        : options_(std::move(options)), out_(block_), stream_(&out) {
        start();
    }
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;
    ~CsvWriter() { finish(); }

    void write(const Row& row) {
        const auto& leaves = detail::csv_layout<Row>().leaves;
        const char* base = reinterpret_cast<const char*>(&row);
        for (std::size_t i = 0; i < order_.size(); ++i) {
            if (i)
                out_ += ',';
            std::size_t start = out_.size();
            const detail::CsvLeaf& leaf = leaves[order_[i]];
            if (leaf.write(base + leaf.offset, out_, options_) && leaf.textual)
                quote_if_needed(start, true);
        }
        out_ += options_.line_end;
        if (stream_ && block_.size() >= block_size)
            flush();
    }

    // Writes what is buffered to the stream.
    void finish() {
        if (stream_)
            flush();
    }

private:
    static constexpr std::size_t block_size = std::size_t{64} << 10;

    void start() {
        const auto& leaves = detail::csv_layout<Row>().leaves;
        if (options_.columns.empty())
            for (std::size_t l = 0; l < leaves.size(); ++l)
                order_.push_back(l);
        for (const std::string& name : options_.columns) {
            std::size_t l = 0;
            while (l < leaves.size() && leaves[l].name != name)
                ++l;
            if (l == leaves.size())
                throw std::invalid_argument("CsvWriter: the row has no column \"" + name + '"');
            order_.push_back(l);
        }
        if (stream_)
            block_.reserve(block_size + 1024);
        for (std::size_t i = 0; i < order_.size(); ++i) {
            if (i)
                out_ += ',';
            std::size_t start = out_.size();
            out_ += leaves[order_[i]].name;
            quote_if_needed(start, false);
        }
        out_ += options_.line_end;
    }

    // The field written from `start` on, quoted when RFC 4180 requires it. A present empty
    // string is quoted too, so that it reads back as a value and not as an absent one.
    void quote_if_needed(std::size_t start, bool present) {
        std::string_view field(out_.data() + start, out_.size() - start);
        if (!(present && field.empty())
            && detail::find_special(field.data(), 0, field.size()) == field.size())
            return;
        std::size_t quotes = static_cast<std::size_t>(std::count(field.begin(), field.end(), '"'));
        std::string quoted;
        quoted.reserve(field.size() + quotes + 2);
        quoted += '"';
        for (char c : field) {
            quoted += c;
            if (c == '"')
                quoted += '"';
        }
        quoted += '"';
        out_.replace(start, std::string::npos, quoted);
    }

    void flush() {
        stream_->write(block_.data(), static_cast<std::streamsize>(block_.size()));
        block_.clear();
    }

    CsvWriteOptions options_;
    std::string block_;
    std::string& out_;
    std::ostream* stream_ = nullptr;
    std::vector<std::size_t> order_; // the leaf of each written column
};

template <Reflected Row, class Rows>
void to_csv(const Rows& rows, std::string& out, const CsvWriteOptions& options = {}) {
    CsvWriter<Row> writer(out, options);
    for (const Row& row : rows)
        writer.write(row);
}

template <class Rows, class Row = typename Rows::value_type>
std::string to_csv(const Rows& rows, const CsvWriteOptions& options = {}) {
    std::string out;
    to_csv<Row>(rows, out, options);
    return out;
}

} // namespace reportkit

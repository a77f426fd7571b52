// CSV as a second wire format of the same declarations: a reflected row struct is read from a
// file whose header names its leaves by dotted paths (`usage.delta.total` -> the member chain
// usage -> delta -> total), columns in any order.
//
//     rk::CsvReader<Row> reader{file};                  // a std::istream, text, or a source
//     Row row{};
//     while (reader.next(row))                          // one record at a time, memory bounded
//         if (reader.valid()) use(row);
//         else for (const auto& d : reader.diagnostics()) std::cerr << d << '\n';
//
//     auto rows = rk::from_csv<Row>(text);              // Result<std::vector<Row>>
//
// Conventions (API.md, csv_v2_0): RFC 4180 quoting; CRLF or LF; booleans `True` / `False`; an
// empty field is an absent optional (a quoted empty field `""` is an empty string); blank lines
// are passed over. Every problem is reported, each as a Diagnostic with the 1-based `line` and
// `column` (the byte in the line where its field starts) and a pointer `/row/<i>/<path>`, i the
// 0-based index of the data record (the index in from_csv's vector); header problems have
// `/header/<path>`. The struct's rules run on each row as they do on a JSON document.
#pragma once

#include <reportkit/core/csv_options.hpp>
#include <reportkit/core/detail/csv_columns.hpp>
#include <reportkit/core/detail/csv_tokenizer.hpp>
#include <reportkit/core/result.hpp>
#include <reportkit/core/rules.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reportkit {

template <Reflected Row>
class CsvReader {
public:
    // `text` must outlive the reader; it is read in place.
    explicit CsvReader(std::string_view text, CsvReadOptions options = {})
        : options_(std::move(options)), tokenizer_(text, limits()) {}
    explicit CsvReader(std::istream& in, CsvReadOptions options = {})
        : CsvReader(detail::istream_source(in), std::move(options)) {}
    // A source fills up to n bytes at `buffer` and returns how many; 0 at the end.
    explicit CsvReader(detail::CsvSource source, CsvReadOptions options = {})
        : options_(std::move(options)), tokenizer_(std::move(source), limits()) {}

    // The header as read, and its problems: missing required columns (errors), unknown ones
    // (warnings by default), repeated ones (errors).
    const std::vector<std::string>& columns() {
        read_header();
        if (columns_.size() != column_count()) // made on demand: a stream need not hold them
            for (std::size_t c = 0; c < column_count(); ++c)
                columns_.emplace_back(column_name(c));
        return columns_;
    }
    const std::vector<Diagnostic>& header_diagnostics() {
        read_header();
        return header_diagnostics_;
    }
    bool header_valid() {
        read_header();
        return !has_errors(header_diagnostics_);
    }

    // Reads the next record into `row` (reused: its strings keep their capacity); false at the
    // end of the input. After it, diagnostics() are the record's problems and valid() says
    // whether `row` holds it (warnings allowed).
    bool next(Row& row) {
        read_header();
        diagnostics_.clear();
        states_.clear();
        std::size_t line = 0;
        if (!tokenizer_.next(fields_, line, diagnostics_))
            return false;
        ++rows_;
        point_tokenizer_problems();
        if (fields_.empty()) // a record over the size limit, skipped (reported)
            return true;
        if (fields_.size() != column_count()) {
            // Where the first surplus field starts, or where the last one present does.
            const auto& at = fields_[std::min(fields_.size(), column_count()) - 1
                                     + (fields_.size() > column_count())];
            add(code::field_count, row_pointer(), at.line, at.column,
                "expected " + std::to_string(column_count()) + " fields as in the header, got "
                    + std::to_string(fields_.size()));
            return true;
        }
        const auto& layout = detail::csv_layout<Row>();
        char* base = reinterpret_cast<char*>(&row);
        for (std::size_t l = 0; l < layout.leaves.size(); ++l) {
            const detail::CsvLeaf& leaf = layout.leaves[l];
            void* member = base + leaf.offset;
            std::size_t c = leaf_column_[l] == none ? npos : leaf_column_[l];
            if (c == npos) {
                if (leaf.optional)
                    leaf.clear(member);
                else
                    states_.mark(member, FieldState::missing); // said once, at the header
                continue;
            }
            const detail::CsvField& f = fields_[c];
            if (f.bad) {
                states_.mark(member, FieldState::invalid);
            } else if (f.text.empty() && !f.quoted) {
                if (leaf.optional) {
                    leaf.clear(member);
                } else {
                    states_.mark(member, FieldState::missing);
                    add(code::required, row_pointer() + leaf.pointer, f.line, f.column,
                        "missing value of the required column \"" + leaf.name + '"');
                }
            } else if (detail::CsvCellError e; !leaf.read(member, f.text, options_, e)) {
                states_.mark(member, FieldState::invalid);
                add(e.code, row_pointer() + leaf.pointer, f.line, f.column, std::move(e.message));
            }
        }
        if (!layout.rule_nodes.empty()) {
            if (!today_)
                today_ = options_.today; // else read once, when a rule first asks for it
            std::size_t before = diagnostics_.size();
            for (const auto& node : layout.rule_nodes) {
                rule_node_ = &node; // its pointer is made only if a rule reports
                RuleContext ctx{&diagnostics_, &states_, &today_, &CsvReader::make_pointer, this};
                node.check(base + node.offset, ctx);
            }
            for (std::size_t i = before; i < diagnostics_.size(); ++i)
                place(diagnostics_[i], line);
        }
        return true;
    }

    // The problems of the record last read.
    const std::vector<Diagnostic>& diagnostics() const& { return diagnostics_; }
    // Whether the row last read holds its record: no error in it, nor in the header.
    bool valid() const { return !has_errors(diagnostics_) && header_ok_; }
    // 0-based index of the record last read.
    std::size_t row_index() const { return rows_ - 1; }

private:
    static constexpr std::size_t npos = std::size_t(-1);
    static constexpr std::uint32_t none = std::uint32_t(-1); // in the column tables

    std::size_t column_count() const { return column_count_; }

    // The leaf column c fills, or none.
    std::uint32_t leaf_of(std::size_t c) const {
        for (std::size_t l = 0; l < leaf_column_.size(); ++l)
            if (leaf_column_[l] == c)
                return static_cast<std::uint32_t>(l);
        return none;
    }

    // A read column is named by its leaf; only the others' names are kept.
    std::string_view column_name(std::size_t c) const {
        if (std::uint32_t l = leaf_of(c); l != none)
            return detail::csv_layout<Row>().leaves[l].name;
        for (const auto& [column, name] : unread_columns_)
            if (column == c)
                return name;
        return {};
    }

    detail::CsvLimits limits() const {
        return {options_.max_field_bytes, options_.max_record_bytes, options_.buffer_bytes};
    }

    std::string row_pointer() const { return "/row/" + std::to_string(rows_ - 1); }

    static std::string make_pointer(const void* self) {
        const auto* reader = static_cast<const CsvReader*>(self);
        return reader->row_pointer() + reader->rule_node_->pointer;
    }

    void add(std::string_view code, std::string pointer, std::size_t line, std::size_t column,
             std::string message, Severity severity = Severity::error) {
        diagnostics_.push_back(Diagnostic{std::move(pointer), std::string(code), severity,
                                          std::move(message), line, column});
    }

    // A rule's diagnostic gets the place of the field its pointer names.
    void place(Diagnostic& d, std::size_t line) const {
        const auto& leaves = detail::csv_layout<Row>().leaves;
        std::string_view suffix = std::string_view(d.pointer).substr(row_pointer().size());
        d.line = line;
        d.column = 1;
        for (std::size_t l = 0; l < leaves.size(); ++l)
            if (leaves[l].pointer == suffix && leaf_column_[l] != none) {
                d.line = fields_[leaf_column_[l]].line;
                d.column = fields_[leaf_column_[l]].column;
            }
    }

    // The tokenizer knows lines and columns; the pointer is the field's column.
    void point_tokenizer_problems() {
        const auto& leaves = detail::csv_layout<Row>().leaves;
        for (Diagnostic& d : diagnostics_) {
            std::size_t k = 0;
            for (std::size_t i = 0; i < fields_.size(); ++i)
                if (fields_[i].line < d.line
                    || (fields_[i].line == d.line && fields_[i].column <= d.column))
                    k = i;
            d.pointer = row_pointer();
            if (fields_.empty())
                continue;
            if (std::uint32_t l = leaf_of(k); l != none)
                d.pointer += leaves[l].pointer;
            else if (k < column_count())
                append_pointer_token(d.pointer, column_name(k));
        }
    }

    void read_header() {
        if (header_read_)
            return;
        header_read_ = true;
        const auto& leaves = detail::csv_layout<Row>().leaves;
        // Room for a record of every column (and one too many) at once: growing would hold the
        // old and the new table together.
        fields_.reserve(leaves.size() + 1);
        leaf_column_.assign(leaves.size(), none);
        std::size_t line = 1;
        std::vector<Diagnostic>& out = header_diagnostics_;
        if (tokenizer_.next(fields_, line, out)) {
            for (Diagnostic& d : out)
                if (d.pointer.empty())
                    d.pointer = "/header";
            column_count_ = fields_.size();
            for (std::size_t c = 0; c < fields_.size(); ++c) {
                const detail::CsvField& f = fields_[c];
                if (f.bad) {
                    unread_columns_.emplace_back(c, f.text);
                    continue;
                }
                std::size_t l = 0;
                while (l < leaves.size() && leaves[l].name != f.text)
                    ++l;
                std::string pointer = "/header";
                if (l == leaves.size()) {
                    unread_columns_.emplace_back(c, f.text);
                    append_pointer_token(pointer, f.text);
                    out.push_back({pointer, std::string(code::unknown_column),
                                   options_.unknown_columns,
                                   "unknown column " + detail::quoted_excerpt(f.text)
                                       + "; its values are not read",
                                   f.line, f.column});
                } else if (leaf_column_[l] != none) {
                    unread_columns_.emplace_back(c, f.text);
                    out.push_back(
                        {pointer + leaves[l].pointer, std::string(code::duplicate_column),
                         Severity::error,
                         "duplicate column \"" + leaves[l].name + "\"; the first one is read",
                         f.line, f.column});
                } else {
                    leaf_column_[l] = static_cast<std::uint32_t>(c);
                }
            }
        }
        for (std::size_t l = 0; l < leaves.size(); ++l)
            if (!leaves[l].optional && leaf_column_[l] == none)
                out.push_back({"/header" + leaves[l].pointer, std::string(code::missing_column),
                               Severity::error, "missing required column \"" + leaves[l].name + '"',
                               1, 1});
        header_ok_ = !has_errors(out);
    }

    CsvReadOptions options_;
    detail::CsvTokenizer tokenizer_;
    std::vector<detail::CsvField> fields_;
    std::size_t column_count_ = 0;
    std::vector<std::uint32_t> leaf_column_; // the column of each leaf, or none
    // The header's columns no leaf reads (unknown, repeated, unreadable), by index.
    std::vector<std::pair<std::size_t, std::string>> unread_columns_;
    std::vector<std::string> columns_; // columns(), when asked for
    std::vector<Diagnostic> header_diagnostics_, diagnostics_;
    bool header_read_ = false, header_ok_ = true;
    std::size_t rows_ = 0;
    FieldStates states_;
    std::optional<Date> today_;
    const detail::CsvRuleNode* rule_node_ = nullptr; // the struct whose rules run
};

// What reading a whole file found: how many records, how many of them invalid, and the
// diagnostics (header first), at most `max_diagnostics` of them, then one `too_many`.
struct CsvSummary {
    std::size_t rows = 0;
    std::size_t invalid_rows = 0;
    std::vector<Diagnostic> diagnostics;
    bool valid() const { return invalid_rows == 0 && !has_errors(diagnostics); }
};

namespace detail {
inline void keep(CsvSummary& s, const std::vector<Diagnostic>& found, std::size_t limit,
                 std::size_t& dropped) {
    for (const Diagnostic& d : found) {
        if (s.diagnostics.size() < limit)
            s.diagnostics.push_back(d);
        else
            ++dropped;
    }
}
} // namespace detail

// Calls f(const Row&) for every valid row (warnings allowed), in order, with one Row reused.
template <Reflected Row, class F>
CsvSummary for_each_csv_row(CsvReader<Row>& reader, F&& f, std::size_t max_diagnostics = 1000) {
    CsvSummary summary;
    std::size_t dropped = 0;
    detail::keep(summary, reader.header_diagnostics(), max_diagnostics, dropped);
    Row row{};
    while (reader.next(row)) {
        ++summary.rows;
        detail::keep(summary, reader.diagnostics(), max_diagnostics, dropped);
        if (reader.valid())
            f(std::as_const(row));
        else
            ++summary.invalid_rows;
    }
    if (dropped)
        summary.diagnostics.push_back(
            Diagnostic{"", std::string(code::too_many),
                       has_errors(summary.diagnostics) ? Severity::error : Severity::warning,
                       std::to_string(dropped) + " more diagnostics left out after the first "
                           + std::to_string(max_diagnostics)});
    return summary;
}

template <Reflected Row, class F>
CsvSummary for_each_csv_row(std::istream& in, F&& f, const CsvReadOptions& options = {}) {
    CsvReader<Row> reader(in, options);
    return for_each_csv_row(reader, std::forward<F>(f), options.max_diagnostics);
}

template <Reflected Row, class F>
CsvSummary for_each_csv_row(std::string_view text, F&& f, const CsvReadOptions& options = {}) {
    CsvReader<Row> reader(text, options);
    return for_each_csv_row(reader, std::forward<F>(f), options.max_diagnostics);
}

// Every row, or every problem: the convenience on top of CsvReader.
template <Reflected Row>
Result<std::vector<Row>> from_csv(CsvReader<Row>& reader, std::size_t max_diagnostics = 1000) {
    std::vector<Row> rows;
    CsvSummary s = for_each_csv_row(
        reader, [&](const Row& row) { rows.push_back(row); }, max_diagnostics);
    return Result<std::vector<Row>>(std::move(rows), std::move(s.diagnostics));
}

template <Reflected Row>
Result<std::vector<Row>> from_csv(std::string_view text, const CsvReadOptions& options = {}) {
    CsvReader<Row> reader(text, options);
    return from_csv(reader, options.max_diagnostics);
}

template <Reflected Row>
Result<std::vector<Row>> from_csv(std::istream& in, const CsvReadOptions& options = {}) {
    CsvReader<Row> reader(in, options);
    return from_csv(reader, options.max_diagnostics);
}

} // namespace reportkit

// The definition of detail::parse_document: the tokenizer instantiated for the reader. Included
// by core/read.hpp when header-only, by <reportkit/src.hpp> otherwise.
#pragma once

#include <reportkit/core/detail/json_tokenizer.hpp>
#include <reportkit/core/read.hpp>

namespace reportkit::detail {
REPORTKIT_BEGIN_LINKAGE_NAMESPACE

// 1-based line and column of byte `offset`, for syntax errors.
REPORTKIT_DECL std::string position(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

REPORTKIT_DECL ParsedDocument parse_document(std::string_view text, void* root, const Ops* ops,
                                             const ReadOptions& options) {
    Reader reader(root, ops, options);
    std::optional<JsonSyntaxError> broken =
        JsonTokenizer<Reader>(text, reader, options.max_depth).run();
    ParsedDocument out;
    if (!broken) {
        out.parsed = true;
        out.diagnostics = std::move(reader.diagnostics());
    } else if (broken->too_deep) {
        out.diagnostics.push_back({"", std::string(code::too_deep), Severity::error,
                                   "nesting deeper than " + std::to_string(options.max_depth)
                                       + " levels at " + position(text, broken->offset)});
    } else {
        out.diagnostics.push_back(
            {"", std::string(code::syntax), Severity::error,
             "malformed JSON at " + position(text, broken->offset) + ": " + broken->message});
    }
    return out;
}

REPORTKIT_END_LINKAGE_NAMESPACE
} // namespace reportkit::detail

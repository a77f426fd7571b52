// The definition of detail::parse_document: Boost.JSON's basic_parser instantiated for the
// reader. Included by core/read.hpp when header-only, by <reportkit/src.hpp> otherwise.
#pragma once

#include <reportkit/core/read.hpp>

#include <boost/json/basic_parser_impl.hpp>

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
    boost::json::parse_options po;
    po.max_depth = options.max_depth;
    boost::json::basic_parser<Reader> parser(po, root, ops, options);
    boost::system::error_code ec;
    std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
    if (!ec && consumed < text.size())
        ec = boost::json::error::extra_data; // write_some stops after one document
    ParsedDocument out;
    if (!ec) {
        out.parsed = true;
        out.diagnostics = std::move(parser.handler().diagnostics());
    } else if (ec == boost::json::error::too_deep) {
        out.diagnostics.push_back({"", std::string(code::too_deep), Severity::error,
                                   "nesting deeper than " + std::to_string(options.max_depth)
                                       + " levels at " + position(text, consumed)});
    } else {
        out.diagnostics.push_back(
            {"", std::string(code::syntax), Severity::error,
             "malformed JSON at " + position(text, consumed) + ": " + ec.message()});
    }
    return out;
}

REPORTKIT_END_LINKAGE_NAMESPACE
} // namespace reportkit::detail

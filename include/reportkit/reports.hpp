// The usage-report API as data: payload structs, enums, rules, and the builders that make them.
// No I/O.
#pragma once

#include <reportkit/core.hpp>
#include <reportkit/reports/builder.hpp>
#include <reportkit/reports/enums.hpp>
#include <reportkit/reports/error.hpp>
#include <reportkit/reports/payload_types.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/request.hpp>
#include <reportkit/reports/stored.hpp>
#include <reportkit/reports/token.hpp>
#include <reportkit/reports/update.hpp>
#include <reportkit/reports/usage_record.hpp>

#include <string>
#include <string_view>
#include <vector>

// Reading, writing and validating each payload type: `kind` is `template` where they are
// compiled (src.hpp), `extern template` everywhere else under REPORTKIT_SEPARATE_COMPILATION,
// so that units including this header do not compile them again (core/config.hpp).
#define REPORTKIT_DETAIL_PAYLOAD_FUNCTIONS(kind, Type)                                             \
    kind Result<reports::Type> from_json<reports::Type>(std::string_view, const ReadOptions&);     \
    kind void to_json_string<reports::Type>(const reports::Type&, std::string&,                    \
                                            const WriteOptions&);                                  \
    kind std::string to_json_string<reports::Type>(const reports::Type&, const WriteOptions&);     \
    kind std::vector<Diagnostic> validate<reports::Type>(const reports::Type&,                     \
                                                         const ValidateOptions&);                  \
    kind Result<reports::Type> validated<reports::Type>(reports::Type, const ValidateOptions&);

#ifdef REPORTKIT_SEPARATE_COMPILATION
namespace reportkit {
#define REPORTKIT_DETAIL_EXTERN(name, Type)                                                        \
    REPORTKIT_DETAIL_PAYLOAD_FUNCTIONS(extern template, Type)
REPORTKIT_PAYLOAD_TYPES(REPORTKIT_DETAIL_EXTERN)
#undef REPORTKIT_DETAIL_EXTERN
} // namespace reportkit
#endif

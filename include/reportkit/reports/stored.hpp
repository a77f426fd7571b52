// The files a `save` report produces (GET /reports/{id}/stored) and a tenant's report list
// (GET /tenants/{tenant_id}/reports).
#pragma once

#include <reportkit/core/define_struct.hpp>
#include <reportkit/core/describe.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/reports/enums.hpp>

#include <cstdint>
#include <vector>

namespace reportkit::reports {

struct StoredReport {
    REPORTKIT_DEFINE_STRUCT(StoredReport, (Uuid, id), (Format, report_format), (std::int64_t, size),
                            (Timestamp, created_at), (StoredStatus, status));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "One generated file of a save report, one per requested format.",
            describe(&StoredReport::id, "UUID of the stored file."),
            describe(&StoredReport::report_format, "The file's format."),
            describe(&StoredReport::size, "Size of the gzip-compressed download in bytes."),
            describe(&StoredReport::created_at, "When the file was made (RFC 3339)."),
            describe(&StoredReport::status,
                     "in_progress while generating (one to two minutes), then saved or failed."));
    }

    // `size` counts the compressed bytes of the download.
    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(minimum(&StoredReport::size, 0));
    }
};

struct StoredReports {
    REPORTKIT_DEFINE_STRUCT(StoredReports, (std::vector<StoredReport>, items));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions("The answer of GET /reports/{id}/stored.",
                                       describe(&StoredReports::items, "The generated files."));
    }
};

struct TenantReports {
    REPORTKIT_DEFINE_STRUCT(TenantReports, (std::vector<Uuid>, items));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The answer of GET /tenants/{tenant_id}/reports.",
            describe(&TenantReports::items, "UUIDs of the tenant's reports, no paging."));
    }

    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(unique(&TenantReports::items));
    }
};

} // namespace reportkit::reports

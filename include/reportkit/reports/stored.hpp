// The files a `save` report produces (GET /reports/{id}/stored) and a tenant's report list
// (GET /tenants/{tenant_id}/reports).
#pragma once

#include <reportkit/core/rules.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/reports/enums.hpp>

#include <cstdint>
#include <vector>

#include <boost/hana/define_struct.hpp>

namespace reportkit::reports {

struct StoredReport {
    BOOST_HANA_DEFINE_STRUCT(StoredReport, (Uuid, id), (Format, report_format),
                             (std::int64_t, size), (Timestamp, created_at), (StoredStatus, status));

    // `size` counts the compressed bytes of the download.
    static constexpr auto rules() { return reportkit::rules(minimum(&StoredReport::size, 0)); }
};

struct StoredReports {
    BOOST_HANA_DEFINE_STRUCT(StoredReports, (std::vector<StoredReport>, items));
};

struct TenantReports {
    BOOST_HANA_DEFINE_STRUCT(TenantReports, (std::vector<Uuid>, items));

    static constexpr auto rules() { return reportkit::rules(unique(&TenantReports::items)); }
};

} // namespace reportkit::reports

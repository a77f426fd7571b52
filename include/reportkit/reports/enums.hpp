// The API's string enums, each declared once with its wire names (API.md, "Report request").
#pragma once

#include <reportkit/core/enum.hpp>

namespace reportkit::reports {

REPORTKIT_ENUM(Kind, usage_daily, usage_summary, usage_current, usage_breakdown);

// `itself` appears only in the official schema, not in the prose documentation.
REPORTKIT_ENUM(Level, direct_partners, all_partners, all_customers, accounts, itself);

REPORTKIT_ENUM(Format, csv, html, json_v1, csv_v2_0, json_v2_0);

REPORTKIT_ENUM(ScheduleType, once, monthly);

// save: files are kept on the server and fetched through /stored; send: emailed to recipients.
REPORTKIT_ENUM(ResultAction, save, send);

REPORTKIT_ENUM(StoredStatus, in_progress, saved, failed);

} // namespace reportkit::reports

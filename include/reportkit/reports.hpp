// The usage-report API as data: payload structs, enums, rules. No I/O.
#pragma once

#include <reportkit/core.hpp>
#include <reportkit/reports/enums.hpp>
#include <reportkit/reports/error.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/request.hpp>
#include <reportkit/reports/stored.hpp>
#include <reportkit/reports/token.hpp>
#include <reportkit/reports/update.hpp>

// The HTTP client for the usage-report API: reportkit::Client, its options and its results.
#pragma once

#include <reportkit/client/client.hpp>
#include <reportkit/client/error.hpp>
#include <reportkit/client/options.hpp>
#include <reportkit/reports.hpp>

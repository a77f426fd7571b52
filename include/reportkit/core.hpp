// The generic engine: reflection, value types, rules, reading, writing, validation, CSV.
#pragma once

#include <reportkit/core/csv.hpp>
#include <reportkit/core/csv_write.hpp>
#include <reportkit/core/date.hpp>
#include <reportkit/core/diagnostic.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/lenient_bool.hpp>
#include <reportkit/core/read.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/result.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/core/validate.hpp>
#include <reportkit/core/value_kind.hpp>
#include <reportkit/core/write.hpp>

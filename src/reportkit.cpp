// The one translation unit of reportkit::compiled (see include/reportkit/core/config.hpp).
#include <reportkit/src.hpp>

// The admin API (/__admin/, routes in routes.hpp): journal, reset, state, outbox, tokens and
// faults, for loopback callers or the admin token.
#pragma once

#include "message.hpp"
#include "routes.hpp"

namespace reportkit::mock::detail {

class Core;

class Admin {
public:
    explicit Admin(Core& core) : core_(core) {}
    // Any request below /__admin: 404 when disabled, 403 for a caller not allowed, then the
    // table's 404 or 405, then the operation.
    Response handle(const Request& request);

private:
    Response run(AdminOperation operation, const Request& request);
    Core& core_;
};

} // namespace reportkit::mock::detail

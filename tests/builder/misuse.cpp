// Uses of the builder that must not compile. CMakeLists.txt compiles this file once per case,
// with -DREPORTKIT_CASE_<name>, and checks that the compiler stops at the static_assert that
// names what is missing or repeated. REPORTKIT_CASE_complete is the control: it must compile.
#include <reportkit/reports/builder.hpp>

namespace rp = reportkit::reports;

constexpr const char* tenant = "ede9f834-70b3-476c-83d9-736f9f8c7dae";

[[maybe_unused]] void misuse() {
    [[maybe_unused]] auto start = rp::usage_report();
#if defined(REPORTKIT_CASE_complete)
    (void)start.kind(rp::Kind::usage_summary)
        .tenant(tenant)
        .level(rp::Level::accounts)
        .once()
        .save()
        .build();
#elif defined(REPORTKIT_CASE_missing_kind)
    (void)start.tenant(tenant).level(rp::Level::accounts).once().save().build();
#elif defined(REPORTKIT_CASE_missing_tenant)
    (void)start.kind(rp::Kind::usage_summary).level(rp::Level::accounts).once().save().build();
#elif defined(REPORTKIT_CASE_missing_level)
    (void)start.kind(rp::Kind::usage_summary).tenant(tenant).once().save().build();
#elif defined(REPORTKIT_CASE_missing_schedule)
    (void)start.kind(rp::Kind::usage_summary)
        .tenant(tenant)
        .level(rp::Level::accounts)
        .save()
        .build();
#elif defined(REPORTKIT_CASE_missing_result_action)
    (void)start.kind(rp::Kind::usage_summary)
        .tenant(tenant)
        .level(rp::Level::accounts)
        .monthly()
        .build();
#elif defined(REPORTKIT_CASE_missing_everything)
    (void)start.build();
#elif defined(REPORTKIT_CASE_kind_twice)
    (void)start.kind(rp::Kind::usage_summary).kind(rp::Kind::usage_daily);
#elif defined(REPORTKIT_CASE_tenant_twice)
    (void)start.tenant(tenant).tenant(tenant);
#elif defined(REPORTKIT_CASE_level_twice)
    (void)start.level(rp::Level::accounts).level(rp::Level::itself);
#elif defined(REPORTKIT_CASE_schedule_twice)
    (void)start.once().monthly();
#elif defined(REPORTKIT_CASE_result_action_twice)
    (void)start.save().send_to({tenant});
#else
#error "define one REPORTKIT_CASE_<name>; see tests/builder/CMakeLists.txt"
#endif
}

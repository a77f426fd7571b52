#!/usr/bin/env bash
# The README's demo: on a fresh Debian 12 machine, install what is missing, build the mock and
# the create_usage_report example (Release, Ninja), start reportkit-mock on a free port, run the
# example against it over HTTP with client credentials, and stop the mock. Exits non-zero when
# any step fails; the mock is stopped however the script ends.
#
# Environment:
#   REPORTKIT_BUILD_DIR         build directory (default: build/ in the source tree)
#   REPORTKIT_JOBS=N            build with at most N parallel jobs (default: ninja's choice)
#   REPORTKIT_DEMO_SKIP_BUILD=1 use the programs already in $REPORTKIT_BUILD_DIR/bin as they are
#                               (no package install, no configure, no build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${REPORTKIT_BUILD_DIR:-$root/build}
bin=$build_dir/bin
say() { echo "demo: $*" >&2; }

if [ "${REPORTKIT_DEMO_SKIP_BUILD:-0}" != 1 ]; then
    "$root/scripts/install-deps.sh"
    say "configuring $build_dir (Release, Ninja)"
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    say "building reportkit-mock and create_usage_report"
    ninja -C "$build_dir" ${REPORTKIT_JOBS:+-j "$REPORTKIT_JOBS"} reportkit-mock create_usage_report
fi
for program in reportkit-mock create_usage_report; do
    if [ ! -x "$bin/$program" ]; then
        say "$bin/$program is missing; build it first or unset REPORTKIT_DEMO_SKIP_BUILD"
        exit 1
    fi
done

work=$(mktemp -d)
mock_pid=
cleanup() {
    if [ -n "$mock_pid" ] && kill -0 "$mock_pid" 2>/dev/null; then
        kill -TERM "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

client_id=reportkit-demo
client_secret=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
"$bin/reportkit-mock" --port 0 --client "$client_id:$client_secret" --log text \
    >"$work/mock.out" 2>"$work/mock.log" &
mock_pid=$!
say "started reportkit-mock (pid $mock_pid)"

# The first stdout line is the base URL; the mock flushes it once it listens.
base_url=
for _ in $(seq 1 100); do
    if [ -s "$work/mock.out" ] && [ "$(wc -l <"$work/mock.out")" -ge 1 ]; then
        base_url=$(head -n 1 "$work/mock.out")
        break
    fi
    if ! kill -0 "$mock_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [ -z "$base_url" ]; then
    say "reportkit-mock did not print its base URL; its log:"
    cat "$work/mock.log" >&2
    exit 1
fi
say "reportkit-mock listens at $base_url"

say "running create_usage_report against it"
REPORTKIT_BASE_URL=$base_url REPORTKIT_CLIENT_ID=$client_id REPORTKIT_CLIENT_SECRET=$client_secret \
    REPORTKIT_TOKEN= "$bin/create_usage_report"

say "the mock saw:"
sed 's/^/    /' "$work/mock.log" >&2

kill -TERM "$mock_pid"
status=0
wait "$mock_pid" || status=$?
mock_pid=
if [ "$status" -ne 0 ]; then
    say "reportkit-mock exited with status $status"
    exit 1
fi
say "stopped reportkit-mock; done"

#!/usr/bin/env bash
# The README's test command, and what CI runs: installs what is missing, builds everything into
# build/ and runs the whole suite with CTest (unit, golden, referees, compile-fail, mock and
# client end to end, hostile input, load, crash consistency, fuzz regressions).
#
#   scripts/test.sh              # the suite
#   scripts/test.sh --sanitize   # then the suite under ASan + UBSan, the mock and client tests
#                                # under TSan, and every fuzz target for 60 s (scripts/sanitize.sh)
#   scripts/test.sh -- -R mock   # extra arguments for the suite's ctest
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sanitize=false
ctest_extra=()
while [ $# -gt 0 ]; do
    case $1 in
    --sanitize) sanitize=true; shift ;;
    --) shift; ctest_extra=("$@"); break ;;
    *) echo "test.sh: unknown argument '$1' (use --sanitize, or -- CTEST-ARGS)" >&2; exit 2 ;;
    esac
done

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)" "${ctest_extra[@]}"

if $sanitize; then
    scripts/sanitize.sh
fi

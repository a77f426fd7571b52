#!/usr/bin/env bash
# The README's test command, and what CI runs: installs what is missing, builds everything into
# build/ (g++) and runs the whole suite with CTest (unit, golden, referees, compile-fail, mock
# and client end to end, hostile input, load, crash consistency, fuzz regressions, the installed
# and packaged kit in consumer projects, the README's code); then builds every target in Release
# with g++ (scripts/build-matrix.sh); then, with clang, the suite under ASan + UBSan,
# the mock, client and load tests under TSan, and every fuzz target for 60 s
# (scripts/sanitize.sh).
#
#   scripts/test.sh              # all of it
#   scripts/test.sh --quick      # the g++ suite only
#   scripts/test.sh -- -R mock   # extra arguments for the suite's ctest (implies --quick)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sanitize=true
ctest_extra=()
while [ $# -gt 0 ]; do
    case $1 in
    --quick) sanitize=false; shift ;;
    --) shift; ctest_extra=("$@"); sanitize=false; break ;;
    *) echo "test.sh: unknown argument '$1' (use --quick, or -- CTEST-ARGS)" >&2; exit 2 ;;
    esac
done
started=$(date +%s)

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)" "${ctest_extra[@]}"

echo "== test.sh: g++ suite done in $(($(date +%s) - started)) s" >&2

if $sanitize; then
    scripts/build-matrix.sh
    echo "== test.sh: Release builds done at $(($(date +%s) - started)) s" >&2
    scripts/sanitize.sh
    echo "== test.sh: everything done in $(($(date +%s) - started)) s" >&2
fi

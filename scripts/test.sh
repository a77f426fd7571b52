#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything into build/ and runs
# the whole suite with CTest. Extra arguments go to ctest (e.g. -R mock).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"

#!/usr/bin/env bash
# Builds every target (benchmarks included) with the project's warnings as errors in the build
# types and compilers a user builds with, each in its own folder (build-<compiler>-<type>/):
#
#   scripts/build-matrix.sh                        # g++, Release (what CI runs)
#   scripts/build-matrix.sh --types "Debug Release RelWithDebInfo" --compilers "g++ clang++"
#
# Building is the test: a warning in any of them fails it. The suite itself runs in build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

types="Release"
# GCC's warnings come partly from its optimizer, so Release finds what the suite's RelWithDebInfo
# build does not; clang's come from its front end, and the sanitizer builds (clang, -Werror)
# already compile every target.
compilers="g++"
while [ $# -gt 0 ]; do
    case $1 in
    --types) types=$2; shift 2 ;;
    --compilers) compilers=$2; shift 2 ;;
    *) echo "build-matrix.sh: unknown argument '$1' (use --types, --compilers)" >&2; exit 2 ;;
    esac
done

status=0
for cxx in $compilers; do
    for type in $types; do
        dir="build-${cxx%++}-$(echo "$type" | tr '[:upper:]' '[:lower:]')"
        started=$(date +%s)
        mkdir -p "$dir"
        log="$dir/matrix.log"
        if cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE="$type" \
            -DREPORTKIT_BENCH=ON >"$log" 2>&1 && nice cmake --build "$dir" -j "$(nproc)" >>"$log" 2>&1; then
            echo "== build-matrix: $cxx $type built in $(($(date +%s) - started)) s" >&2
        else
            echo "== build-matrix: $cxx $type FAILED after $(($(date +%s) - started)) s; the end of $log:" >&2
            tail -n 40 "$log" >&2
            status=1
        fi
    done
done
exit $status

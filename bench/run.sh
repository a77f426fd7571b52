#!/usr/bin/env bash
# Builds reportkit-bench in Release, runs every benchmark once (with repetitions, medians used)
# and prints the ratio table of issue 6. Exit status 1 when a target is missed.
#
#   bench/run.sh                        # build/ (configured Release with -DREPORTKIT_BENCH=ON)
#   BUILD_DIR=build-x bench/run.sh      # another build directory
#   bench/run.sh --benchmark_filter=read_request   # extra arguments go to the benchmark
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREPORTKIT_BENCH=ON >/dev/null
ninja -C "$build" -j"${JOBS:-2}" reportkit-bench >/dev/null

out=$(mktemp --suffix=.json)
trap 'rm -f "$out"' EXIT
"$build/bin/reportkit-bench" --benchmark_format=json --benchmark_repetitions="${REPETITIONS:-5}" \
    --benchmark_report_aggregates_only=true "$@" >"$out"
echo "command: bench/run.sh (reportkit-bench --benchmark_format=json --benchmark_repetitions=${REPETITIONS:-5})"
python3 "$root/bench/ratios.py" "$out"

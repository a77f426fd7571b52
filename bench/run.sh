#!/usr/bin/env bash
# Builds reportkit-bench in Release, runs every benchmark once (with repetitions, medians used)
# and prints the ratio table of issue 6. Exit status 1 when a target is missed.
#
#   bench/run.sh                        # build/ (configured Release with -DREPORTKIT_BENCH=ON)
#   BUILD_DIR=build-x bench/run.sh      # another build directory
#   bench/run.sh --benchmark_filter=read_request   # extra arguments go to the benchmark
#
# glaze 2.9.5, the baseline of issue 16, is built in when its headers are found: GLAZE_INCLUDE,
# or ../shared/baselines/glaze-2.9.5/include beside the project root. Without them the glaze
# rows are left out.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac

glaze=${GLAZE_INCLUDE:-$root/../shared/baselines/glaze-2.9.5/include}
if [ -f "$glaze/glaze/glaze.hpp" ]; then
    glaze=$(cd "$glaze" && pwd)
else
    echo "bench/run.sh: no glaze headers at $glaze; the glaze ratios are left out" >&2
    glaze=
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREPORTKIT_BENCH=ON \
    -DREPORTKIT_GLAZE_INCLUDE="$glaze" >/dev/null
ninja -C "$build" -j"${JOBS:-2}" reportkit-bench >/dev/null

# RUNS=5: five consecutive runs, each one's tables, then the read's ratios run by run.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
outs=()
for i in $(seq "${RUNS:-1}"); do
    "$build/bin/reportkit-bench" --benchmark_format=json \
        --benchmark_repetitions="${REPETITIONS:-5}" --benchmark_report_aggregates_only=true "$@" \
        >"$work/run$i.json"
    outs+=("$work/run$i.json")
done
echo "command: bench/run.sh (${RUNS:-1} run(s) of reportkit-bench --benchmark_format=json --benchmark_repetitions=${REPETITIONS:-5})"
python3 "$root/bench/ratios.py" "${outs[@]}"

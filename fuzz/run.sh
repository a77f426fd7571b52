#!/usr/bin/env bash
# Runs one libFuzzer target for a given time:   fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
#
# Builds the target (clang, ASan + UBSan) into build-fuzz/ unless REPORTKIT_FUZZ_BUILD names
# another directory. Seeds come from fuzz/corpus/TARGET (read only); what the fuzzer learns
# goes to BUILD/corpus/TARGET, so repeated runs continue where the last one stopped. A crash
# leaves its input in BUILD/artifacts/TARGET/ and makes this script fail.
# REPORTKIT_FUZZ_PREBUILT=1 skips the build step (the caller built the targets already).
#   fuzz/run.sh fuzz_round_trip 60
#   fuzz/run.sh fuzz_read_request 0 -runs=10000000     # a long run by execution count
#   fuzz/run.sh list                                    # the target names
#   fuzz/run.sh build [TARGET...]                       # only build (default: every target)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${REPORTKIT_FUZZ_BUILD:-$root/build-fuzz}
cd "$root"

targets() { sed -n 's/^ *reportkit_fuzzer(\([a-z_]*\) .*/\1/p' fuzz/CMakeLists.txt; }

if [ "${1:-}" = list ]; then
    targets | sort
    exit 0
fi
ensure_built() { # ensure_built TARGET...
    if [ ! -f "$build/build.ninja" ]; then
        # Line tables are all a crash's stack trace needs, and much cheaper to build than -g.
        cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None \
            -DCMAKE_CXX_FLAGS="-O2 -gline-tables-only" -DREPORTKIT_FUZZ=ON -DBUILD_TESTING=OFF \
            >/dev/null
    fi
    if ! nice ninja -C "$build" -j2 "$@" >"$build/fuzz-build.log" 2>&1; then
        cat "$build/fuzz-build.log" >&2
        exit 1
    fi
}
if [ "${1:-}" = build ]; then
    shift
    if [ $# -eq 0 ]; then mapfile -t all < <(targets); set -- "${all[@]}"; fi
    ensure_built "$@"
    exit 0
fi
if [ $# -lt 2 ]; then
    echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]   (fuzz/run.sh list)" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2
if ! targets | grep -qx "$target"; then
    echo "fuzz/run.sh: no target '$target'; the targets are:" >&2
    targets | sort >&2
    exit 2
fi

# Parallel runs (scripts/sanitize.sh) build everything first and say so: two ninja processes in
# one build directory would race on its logs.
if [ -z "${REPORTKIT_FUZZ_PREBUILT:-}" ]; then ensure_built "$target"; fi

work=$build/corpus/$target
artifacts=$build/artifacts/$target
mkdir -p "$work" "$artifacts"
seeds=()
if [ -d "fuzz/corpus/$target" ]; then seeds=("fuzz/corpus/$target"); fi
dict=fuzz/payloads.dict
case $target in fuzz_mock_*) dict=fuzz/http.dict ;; esac

time_flag=()
if [ "$seconds" != 0 ]; then time_flag=(-max_total_time="$seconds"); fi
# A target's own libFuzzer flags (fuzz/TARGET.options: one a line, # comments), before the
# caller's, which can override them.
target_flags=()
if [ -f "fuzz/$target.options" ]; then
    mapfile -t target_flags < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "fuzz/$target.options")
fi
log=$build/$target.log
start=$(date +%s)
set +e
# Sanitizer findings must abort so libFuzzer saves the input; leaks are findings too.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    nice "$build/bin/$target" "$work" "${seeds[@]}" -dict="$dict" "${time_flag[@]}" \
    -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${target_flags[@]}" "$@" >"$log" 2>&1
status=$?
set -e
elapsed=$(($(date +%s) - start))
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
echo "$target: ${runs:-?} executions in ${elapsed} s, corpus $(ls "$work" | wc -l) inputs," \
    "exit $status (log: ${log#"$root"/})"
if [ $status -ne 0 ]; then
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written|round trip' "$log" | head -20 >&2
fi
exit $status

#!/usr/bin/env bash
# The suite under sanitizers, with clang:
#   asan  the whole suite built with ASan + UBSan into build-asan/, every CTest test run but
#         those labelled "compile" (they only run a compiler);
#   tsan  the mock, client and load tests built with TSan into build-tsan/ and run;
#   fuzz  every libFuzzer target (fuzz/run.sh) for a time budget each, in build-fuzz/.
# Any sanitizer report fails the run. Each part prints its wall time; the default budgets keep
# the whole script well under 30 minutes on two cores.
#
#   scripts/sanitize.sh                          # all three parts, 60 s per fuzz target
#   scripts/sanitize.sh --parts asan,tsan        # choose parts
#   scripts/sanitize.sh --fuzz-seconds 600       # a longer fuzzing budget per target
#   scripts/sanitize.sh --fuzz-targets "fuzz_round_trip fuzz_read_request"
#   scripts/sanitize.sh --jobs 4                 # build and test parallelism (default: nproc)
#   scripts/sanitize.sh -- -R schema             # extra arguments for the asan part's ctest
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

parts=asan,tsan,fuzz
fuzz_seconds=60
fuzz_targets=
jobs=$(nproc)
tsan_areas="mock client load"
ctest_extra=()
usage() { sed -n '2,16s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case $1 in
    --parts) parts=$2; shift 2 ;;
    --fuzz-seconds) fuzz_seconds=$2; shift 2 ;;
    --fuzz-targets) fuzz_targets=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --help | -h) usage; exit 0 ;;
    --) shift; ctest_extra=("$@"); break ;;
    *) echo "sanitize.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
wants() { [[ ",$parts," == *",$1,"* ]]; }

# Every finding stops the program that has it, with a stack; leaks are findings.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

started=$(date +%s)
summary=()
timed() { # timed NAME COMMAND...: runs it, records its wall time
    local name=$1 t0 status
    shift
    t0=$(date +%s)
    echo "== sanitize: $name" >&2
    set +e
    "$@"
    status=$?
    set -e
    summary+=("$name: $(($(date +%s) - t0)) s, exit $status")
    return $status
}

configure() { # configure DIR SANITIZERS [cmake args...]
    local dir=$1 sanitizers=$2
    shift 2
    # Line tables are all a sanitizer's stack trace needs, and much cheaper to build than -g.
    cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None \
        -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only -fno-sanitize-recover=undefined" \
        -DREPORTKIT_SANITIZE="$sanitizers" "$@" >/dev/null
}

asan() {
    configure build-asan address,undefined
    nice ninja -C build-asan -j "$jobs"
    # Tests labelled "compile" run a compiler over the headers, no code of ours: nothing to
    # sanitize, and the suite's own build already runs them.
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE compile "${ctest_extra[@]}"
}

tsan() {
    configure build-tsan thread
    # Reports TSan cannot judge. libstdc++ fills ctype<char>'s narrow() cache lazily from many
    # threads, each writing the same byte (GCC PR 77704). Debian's cpp-httplib is a shared
    # library built without TSan: the guards of its function-local static std::regex objects,
    # and the memcmp/memcpy it (and zlib) call, are invisible, so their state looks unsynchronized.
    printf '%s\n' 'race:std::ctype<char>::narrow' 'race:std::__detail::_BracketMatcher' \
        'race:std::__detail::_Scanner' 'race:std::__detail::_Compiler' \
        'race:std::__detail::_Executor' 'called_from_lib:libcpp-httplib.so' 'called_from_lib:libz.so' >build-tsan/tsan.supp
    local TSAN_OPTIONS="$TSAN_OPTIONS:suppressions=$root/build-tsan/tsan.supp"
    export TSAN_OPTIONS
    local targets=(reportkit-mock) dirs=()
    for area in $tsan_areas; do
        if [ -f "tests/$area/CMakeLists.txt" ]; then
            targets+=("tests/$area/all")
            dirs+=("build-tsan/tests/$area")
        fi
    done
    nice ninja -C build-tsan -j "$jobs" "${targets[@]}"
    local status=0
    for dir in "${dirs[@]}"; do
        ctest --test-dir "$dir" --output-on-failure -j "$jobs" || status=1
    done
    return $status
}

fuzz() {
    local targets=($fuzz_targets) status=0 pids=() t
    if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <(fuzz/run.sh list); fi
    # Build first (in order), then fuzz two targets at a time on the cores there are.
    fuzz/run.sh build "${targets[@]}"
    local parallel=$((jobs < 2 ? 1 : 2))
    for t in "${targets[@]}"; do
        REPORTKIT_FUZZ_PREBUILT=1 fuzz/run.sh "$t" "$fuzz_seconds" &
        pids+=($!)
        if [ ${#pids[@]} -ge $parallel ]; then
            wait "${pids[0]}" || status=1
            pids=("${pids[@]:1}")
        fi
    done
    for p in "${pids[@]}"; do wait "$p" || status=1; done
    return $status
}

status=0
if wants asan; then timed "asan+ubsan suite (build-asan)" asan || status=1; fi
if wants tsan; then timed "tsan mock/client/load (build-tsan)" tsan || status=1; fi
if wants fuzz; then timed "fuzz ${fuzz_seconds} s per target (build-fuzz)" fuzz || status=1; fi

echo "== sanitize summary" >&2
for line in "${summary[@]}"; do echo "  $line" >&2; done
echo "  total: $(($(date +%s) - started)) s" >&2
exit $status

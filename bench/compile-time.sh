#!/usr/bin/env bash
# Compile time of one translation unit that builds, writes and reads a report with reportkit
# (bench/compile/with_reportkit.cpp), against one doing the same by hand with Boost.JSON and
# Hana structs, no validation (bench/compile/by_hand.cpp); wall time from hyperfine, peak
# compiler memory from GNU time. Targets (issues 6 and 16): header-only at most 2x the
# hand-written TU and under 5.6 s, compiled mode at most 1.4x, and less than a glaze unit doing
# the same job (bench/compile/with_glaze.cpp, measured when glaze's headers are found).
#
# reportkit's unit is measured twice: header-only (the default), and against reportkit::compiled
# (REPORTKIT_SEPARATE_COMPILATION), where the parser and the payload types' read / write /
# validate functions come compiled from the library, as boost::json::parse and serialize come
# compiled from libboost_json for the hand-written unit. The library's own unit
# (src/reportkit.cpp), compiled once per build, is listed too.
#
#   bench/compile-time.sh                 # g++, -O2
#   CXX=clang++ OPT=-O0 RUNS=10 bench/compile-time.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cxx=${CXX:-g++}
opt=${OPT:--O2}
runs=${RUNS:-5}
command -v hyperfine >/dev/null || { echo "compile-time.sh: needs hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compile-time.sh: needs GNU time (Debian package time)" >&2; exit 2; }

# glaze 2.9.5 (issue 16's baseline) doing the same job, when its headers are found: GLAZE_INCLUDE,
# or ../shared/baselines/glaze-2.9.5/include beside the project root.
glaze=${GLAZE_INCLUDE:-$root/../shared/baselines/glaze-2.9.5/include}
[ -f "$glaze/glaze/glaze.hpp" ] || glaze=

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A sources=([with_reportkit]=bench/compile/with_reportkit.cpp
    [with_reportkit_compiled]=bench/compile/with_reportkit.cpp [by_hand]=bench/compile/by_hand.cpp
    [library_unit]=src/reportkit.cpp)
compile() {
    local flags=""
    case $1 in
    with_reportkit_compiled | library_unit) flags=-DREPORTKIT_SEPARATE_COMPILATION ;;
    with_glaze) flags="-isystem $glaze" ;;
    esac
    echo "$cxx -std=c++20 $opt $flags -I$root/include -c $root/${sources[$1]} -o $work/$1.o"
}
units=(with_reportkit with_reportkit_compiled by_hand library_unit)
if [ -n "$glaze" ]; then
    sources[with_glaze]=bench/compile/with_glaze.cpp
    units+=(with_glaze)
fi

args=()
for tu in "${units[@]}"; do args+=(-n "$tu" "$(compile "$tu")"); done
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/times.json" "${args[@]}" >&2

for tu in "${units[@]}"; do
    # shellcheck disable=SC2046
    /usr/bin/time -f "%M" -o "$work/$tu.rss" $(compile "$tu")
done

python3 - "$work" "$cxx" "$opt" "$runs" <<'PY'
import json, sys
work, cxx, opt, runs = sys.argv[1:]
times = {r["command"]: r for r in json.load(open(f"{work}/times.json"))["results"]}
rss = {tu: int(open(f"{work}/{tu}.rss").read().split()[-1]) / 1024 for tu in times}
# CPU time (user + system) is what the compiler costs; wall time also counts waiting for a
# core, which on a shared machine can be more than the work itself.
cpu = {tu: t["user"] + t["system"] for tu, t in times.items()}
print(f"command: bench/compile-time.sh ({cxx} -std=c++20 {opt}, {runs} runs each, means)")
print()
labels = {
    "with_reportkit": "`with_reportkit.cpp`, header-only",
    "with_reportkit_compiled": "`with_reportkit.cpp` with reportkit::compiled",
    "by_hand": "`by_hand.cpp` (Boost.JSON + Hana, no validation)",
    "library_unit": "`src/reportkit.cpp` (reportkit::compiled, once per build)",
    "with_glaze": "`with_glaze.cpp` (glaze 2.9.5, error_on_missing_keys only)",
}
print("| translation unit | compiler CPU time (s) | wall time (s) | peak compiler memory (MiB) | vs by hand |")
print("|---|---|---|---|---|")
for tu in labels:
    if tu not in times:
        continue
    t = times[tu]
    print(f"| {labels[tu]} | {cpu[tu]:.2f} | {t['mean']:.2f} ± {t['stddev'] or 0:.2f} "
          f"| {rss[tu]:.0f} | {cpu[tu] / cpu['by_hand']:.2f}x |")
print()
met = True
# Issue 16: header-only at most 2x by hand, compiled mode at most 1.4x.
for tu, target in (("with_reportkit", 2.0), ("with_reportkit_compiled", 1.4)):
    ratio = cpu[tu] / cpu["by_hand"]
    ok_ratio, ok_abs = ratio <= target, cpu[tu] < 5.6
    met = met and ok_ratio and ok_abs
    print(f"{tu}: {ratio:.2f}x CPU time (target ≤ {target:g}x: {'met' if ok_ratio else 'MISSED'}); "
          f"{cpu[tu]:.2f} s (target < 5.6 s: {'met' if ok_abs else 'MISSED'})")
if "with_glaze" in cpu:
    ok = cpu["with_reportkit"] < cpu["with_glaze"]
    met = met and ok
    print(f"with_reportkit ÷ with_glaze: {cpu['with_reportkit'] / cpu['with_glaze']:.2f}x CPU time "
          f"(target < 1x: {'met' if ok else 'MISSED'})")
sys.exit(0 if met else 1)
PY

#!/usr/bin/env bash
# Compile time of one translation unit that builds, writes and reads a report with reportkit
# (bench/compile/with_reportkit.cpp), against one doing the same by hand with Boost.JSON and
# Hana structs, no validation (bench/compile/by_hand.cpp): compiler CPU time (user + system),
# wall time and peak memory, from GNU time. Targets (issue 16): header-only at most 2x the
# hand-written unit and less than a glaze unit doing the same job (bench/compile/with_glaze.cpp,
# measured when glaze's headers are found), compiled mode at most 1.4x.
#
# The units are compiled in rounds, each round compiling every unit once (after one round
# discarded as warm-up), and a ratio is taken within a round: this machine's speed drifts by
# tens of percent over minutes, and units timed one after the other would carry that drift into
# their ratios. The table gives medians; the verdicts use the median of the per-round ratios and
# show their range.
#
# reportkit's unit is measured twice: header-only (the default), and against reportkit::compiled
# (REPORTKIT_SEPARATE_COMPILATION), where the parser and the payload types' read / write /
# validate functions come compiled from the library, as boost::json::parse and serialize come
# compiled from libboost_json for the hand-written unit. The library's own unit
# (src/reportkit.cpp), compiled once per build, is listed too.
#
#   bench/compile-time.sh                 # g++, -O2, 5 rounds
#   CXX=clang++ OPT=-O0 RUNS=10 bench/compile-time.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cxx=${CXX:-g++}
opt=${OPT:--O2}
runs=${RUNS:-5}
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

# shellcheck disable=SC2046
for round in $(seq 0 "$runs"); do
    for tu in "${units[@]}"; do
        /usr/bin/time -f "$round $tu %U %S %e %M" -a -o "$work/times.txt" $(compile "$tu")
    done
    echo "compile-time.sh: round $round of $runs done" >&2
done

python3 - "$work" "$cxx" "$opt" "$runs" <<'PY'
import collections, statistics, sys
work, cxx, opt, runs = sys.argv[1:]
# round -> unit -> (cpu, wall, rss); round 0 is the warm-up.
rounds = collections.defaultdict(dict)
for line in open(f"{work}/times.txt"):
    r, tu, user, system, wall, rss = line.split()
    if r != "0":
        rounds[r][tu] = (float(user) + float(system), float(wall), int(rss) / 1024)
units = list(next(iter(rounds.values())))
med = lambda tu, i: statistics.median(rounds[r][tu][i] for r in rounds)
def ratios(a, b):
    return sorted(rounds[r][a][0] / rounds[r][b][0] for r in rounds)
print(f"command: bench/compile-time.sh ({cxx} -std=c++20 {opt}, {runs} rounds, medians)")
print()
labels = {
    "with_reportkit": "`with_reportkit.cpp`, header-only",
    "with_reportkit_compiled": "`with_reportkit.cpp` with reportkit::compiled",
    "by_hand": "`by_hand.cpp` (Boost.JSON + Hana, no validation)",
    "library_unit": "`src/reportkit.cpp` (reportkit::compiled, once per build)",
    "with_glaze": "`with_glaze.cpp` (glaze 2.9.5, error_on_missing_keys only)",
}
print("| translation unit | compiler CPU time (s) | wall time (s) | peak compiler memory (MiB) "
      "| vs by hand (per round) |")
print("|---|---|---|---|---|")
for tu in labels:
    if tu not in units:
        continue
    rs = ratios(tu, "by_hand")
    print(f"| {labels[tu]} | {med(tu, 0):.2f} | {med(tu, 1):.2f} | {med(tu, 2):.0f} "
          f"| {statistics.median(rs):.2f}x ({rs[0]:.2f}-{rs[-1]:.2f}) |")
print()
met = True
def verdict(name, a, b, target, strict):
    global met
    rs = ratios(a, b)
    m = statistics.median(rs)
    ok = m < target if strict else m <= target
    met = met and ok
    bound = f"< {target:g}x" if strict else f"≤ {target:g}x"
    print(f"{name}: {m:.2f}x CPU time, rounds {rs[0]:.2f}-{rs[-1]:.2f}x "
          f"(target {bound}: {'met' if ok else 'MISSED'})")
verdict("with_reportkit ÷ by_hand", "with_reportkit", "by_hand", 2.0, False)
verdict("with_reportkit_compiled ÷ by_hand", "with_reportkit_compiled", "by_hand", 1.4, False)
if "with_glaze" in units:
    verdict("with_reportkit ÷ with_glaze", "with_reportkit", "with_glaze", 1.0, True)
sys.exit(0 if met else 1)
PY

#!/usr/bin/env bash
# Compile time of one translation unit that builds, writes and reads a report with reportkit
# (bench/compile/with_reportkit.cpp), against one doing the same by hand with Boost.JSON and
# Hana structs, no validation (bench/compile/by_hand.cpp); wall time from hyperfine, peak
# compiler memory from GNU time. Targets (issue 6): at most 2x the hand-written TU, under 5.6 s.
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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
compile() { echo "$cxx -std=c++20 $opt -I$root/include -c $root/bench/compile/$1.cpp -o $work/$1.o"; }

hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/times.json" \
    -n with_reportkit "$(compile with_reportkit)" -n by_hand "$(compile by_hand)" >&2

for tu in with_reportkit by_hand; do
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
print("| translation unit | compiler CPU time (s) | wall time (s) | peak compiler memory (MiB) |")
print("|---|---|---|---|")
for tu in ("with_reportkit", "by_hand"):
    t = times[tu]
    print(f"| `bench/compile/{tu}.cpp` | {cpu[tu]:.2f} | {t['mean']:.2f} ± {t['stddev']:.2f} "
          f"| {rss[tu]:.0f} |")
print()
ratio = cpu["with_reportkit"] / cpu["by_hand"]
ok_ratio, ok_abs = ratio <= 2.0, cpu["with_reportkit"] < 5.6
print(f"ratio {ratio:.2f}x CPU time (target ≤ 2x: {'met' if ok_ratio else 'MISSED'}); "
      f"{cpu['with_reportkit']:.2f} s (target < 5.6 s: {'met' if ok_abs else 'MISSED'})")
sys.exit(0 if ok_ratio and ok_abs else 1)
PY

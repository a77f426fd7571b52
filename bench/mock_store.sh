#!/usr/bin/env bash
# The mock's SQLite store (issue 13), each figure from one run on this machine:
#  1. persisted POST/s (--state-file, wrk, 8 keep-alive clients) with an empty store and with
#     100,000 reports already stored (loaded with --load); target >= 0.8x;
#  2. with OLD=path/to/an/older/reportkit-mock, its POST/s on the same load, empty state file;
#  3. opening a database of 1,000,000 reports and answering the first GET (target < 1 s);
#  4. resident memory after 1,000,000 GETs against the default journal limit, against after
#     the first 100,000 (target <= 1.2x).
#   bench/mock_store.sh            BUILD_DIR=build DURATION=10s BIG=1000000 bench/mock_store.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
duration=${DURATION:-10s}
big=${BIG:-1000000}
gets=${GETS:-1000000}
mock=$build/bin/reportkit-mock
token=reportkit-bench-token
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export TOKEN=$token RESULT_LUA=$root/bench/wrk/result.lua BODY_FILE=$root/tests/data/seed-request.json

# start NAME BINARY ARGS...: starts a mock, sets $url and $pid.
start() {
    local name=$1 bin=$2
    shift 2
    "$bin" --port 0 --token "$token" --log off "$@" >"$work/$name.out" 2>"$work/$name.err" &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 6000); do
        [ -s "$work/$name.out" ] && break
        kill -0 "$pid" 2>/dev/null || { cat "$work/$name.err" >&2; exit 1; }
        sleep 0.01
    done
    url=$(head -n1 "$work/$name.out")
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
post() { wrk -t2 -c8 -d"$duration" --latency -s "$root/bench/wrk/post.lua" "$url/reports" |
    sed -n 's/^RESULT //p'; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

echo "fixtures: 100,000 and $big reports" >&2
python3 "$root/bench/fixture.py" 100000 >"$work/f100k.json"
python3 "$root/bench/fixture.py" "$big" >"$work/fbig.json"

# The shared machine's load moves single runs by 2x: empty and loaded alternate, three times
# each, on fresh copies, and the medians are compared.
start import100k "$mock" --state-file "$work/100k.db" --load "$work/f100k.json"
stop
empties=() loadeds=()
for round in 1 2 3; do
    rm -f "$work"/empty.db* "$work"/copy.db*
    cp "$work/100k.db" "$work/copy.db"
    start empty "$mock" --state-file "$work/empty.db"
    empties+=("$(post)"); stop
    start loaded "$mock" --state-file "$work/copy.db"
    loadeds+=("$(post)"); stop
done
median() { printf '%s\n' "$@" | python3 -c '
import json, sys
runs = sorted((json.loads(l) for l in sys.stdin), key=lambda r: r["rps"])
print(json.dumps(runs[len(runs) // 2]))'; }
empty=$(median "${empties[@]}")
loaded=$(median "${loadeds[@]}")
old=null
if [ -n "${OLD:-}" ]; then
    start old "$OLD" --state-file "$work/old.json"
    old=$(post); stop
fi

# A database of $big reports, made once through --load; then opened cold, timed to the answer
# of the first GET.
t0=$(date +%s%N)
start import "$mock" --state-file "$work/big.db" --load "$work/fbig.json"
t1=$(date +%s%N)
stop
id=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["reports"][-1]["id"])' "$work/fbig.json")
t2=$(date +%s%N)
start open "$mock" --state-file "$work/big.db"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url/reports/$id")
t3=$(date +%s%N)
stop

# Memory: GETs of one report, in memory mode with the default journal limit.
start memory "$mock"
created=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary @"$BODY_FILE" "$url/reports")
echo "${created}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' >"$work/ids"
origin=${url%/api/2}
get() { IDS_FILE=$work/ids PATH_PREFIX=/api/2/reports/ wrk -t2 -c16 -d"$1" -s \
    "$root/bench/wrk/get.lua" "$origin" | sed -n 's/^RESULT //p'; }
first=$(get 6s)
rss_first=$(rss_kib "$pid")
total=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requests"])' "$first")
rest=()
while [ "$total" -lt "$gets" ]; do
    r=$(get 20s)
    rest+=("$r")
    total=$((total + $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requests"])' "$r")))
done
rss_last=$(rss_kib "$pid")
stop

python3 - "$empty" "$loaded" "$old" "$((t1 - t0))" "$((t3 - t2))" "$status" "$first" \
    "$rss_first" "$total" "$rss_last" "$big" <<'PY'
import json, sys
empty, loaded, old = (json.loads(a) for a in sys.argv[1:4])
import_ns, open_ns, status = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
first = json.loads(sys.argv[7])
rss_first, total, rss_last, big = int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10]), int(sys.argv[11])
print("| persisted store (median of 3 runs) | POST/s | p50 (ms) | p99 (ms) | non-200 |")
print("|---|---|---|---|---|")
rows = [("empty", empty), ("100,000 reports stored", loaded)]
if old:
    rows.append(("older reportkit-mock, empty state file", old))
for name, r in rows:
    print(f"| {name} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
          f"{r['non200'] + r['socket_errors']} |")
ratio = loaded["rps"] / empty["rps"]
print()
print(f"- 100,000 stored / empty: {ratio:.2f}x (target >= 0.8x): {'met' if ratio >= 0.8 else 'MISSED'}")
if old:
    print(f"- vs the older mock's empty-store rate: {empty['rps'] / old['rps']:.1f}x")
print(f"- import of {big:,} reports with --load: {import_ns / 1e9:.1f} s")
print(f"- opening {big:,} reports and the first GET ({status}): {open_ns / 1e6:.0f} ms "
      f"(target < 1 s): {'met' if open_ns < 1e9 and status == '200' else 'MISSED'}")
growth = rss_last / rss_first
print(f"- resident memory after {first['requests']:,} GETs {rss_first / 1024:.1f} MiB, after "
      f"{total:,} {rss_last / 1024:.1f} MiB: {growth:.2f}x (target <= 1.2x): "
      f"{'met' if growth <= 1.2 else 'MISSED'}")
PY

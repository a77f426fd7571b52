#!/usr/bin/env bash
# Mock server throughput (issue 6): wrk against reportkit-mock, 10 s of keep-alive POSTs of the
# seed request at 16 connections, then GETs by id of the reports those POSTs made; in the same
# run the same POST load against Prism 5 mocking an OpenAPI 3.1 document assembled from
# `reportkit schema` output. Prints requests/s, p50/p99 latency, non-200 answers and the ratio.
# Each server gets an unmeasured warm-up run (WARMUP, 2 s) before its measured POST run.
# Targets: at least 10x Prism's requests/s, p99 under 5 ms, every answer a 200.
#
#   bench/mock.sh                         # programs from build/bin
#   BUILD_DIR=build-x DURATION=5s CONNECTIONS=16 bench/mock.sh
# Everything listens on 127.0.0.1 only. Exit status 1 when a target is missed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
duration=${DURATION:-10s}
warmup=${WARMUP:-2s} # an unmeasured run before each measured POST run
connections=${CONNECTIONS:-16}
threads=${WRK_THREADS:-2}
token=reportkit-bench-token

for tool in wrk python3; do
    command -v "$tool" >/dev/null || { echo "mock.sh: needs $tool" >&2; exit 2; }
done
for program in reportkit-mock reportkit; do
    [ -x "$build/bin/$program" ] || { echo "mock.sh: build $build/bin/$program first" >&2; exit 2; }
done
prism=$root/bench/node_modules/.bin/prism
[ -x "$prism" ] || { echo "mock.sh: run 'npm ci' in bench/ (scripts/install-deps.sh does)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Waits for the first line of a file (a server's announcement), at most 30 s.
first_line() {
    for _ in $(seq 300); do
        if [ -s "$1" ] && head -n1 "$1" | grep -q .; then head -n1 "$1"; return 0; fi
        sleep 0.1
    done
    echo "mock.sh: no announcement in $1" >&2
    cat "$1" "$1.err" >&2 2>/dev/null || true
    return 1
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

export TOKEN=$token RESULT_LUA=$root/bench/wrk/result.lua BODY_FILE=$root/tests/data/seed-request.json

# Runs wrk with a script against a URL for $3 (default: $duration); prints the RESULT json line.
load() {
    local script=$1 url=$2 time=${3:-$duration}
    wrk -t"$threads" -c"$connections" -d"$time" --latency -s "$root/bench/wrk/$script" "$url" \
        >"$work/wrk.out" 2>&1 || { cat "$work/wrk.out" >&2; return 1; }
    grep '^RESULT ' "$work/wrk.out" | sed 's/^RESULT //'
}

# ---- reportkit-mock ----
"$build/bin/reportkit-mock" --port 0 --token "$token" --log off >"$work/mock.out" 2>"$work/mock.out.err" &
pids+=($!)
base_url=$(first_line "$work/mock.out")
load post.lua "$base_url/reports" "$warmup" >/dev/null
mock_post=$(load post.lua "$base_url/reports")

# The ids the POSTs made, all for the seed's tenant, for the GETs.
tenant=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["parameters"]["tenant_id"])' "$BODY_FILE")
python3 - "$base_url/tenants/$tenant/reports" "$token" >"$work/ids" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"Authorization": "Bearer " + sys.argv[2]})
print("\n".join(json.load(urllib.request.urlopen(request))["items"]))
PY
stored=$(wc -l <"$work/ids")
origin=${base_url%/api/2}
mock_get=$(IDS_FILE=$work/ids PATH_PREFIX="${base_url#"$origin"}/reports/" load get.lua "$origin")

# ---- Prism 5 on the exported schemas ----
"$build/bin/reportkit" schema --type request >"$work/request.schema.json"
"$build/bin/reportkit" schema --type report >"$work/report.schema.json"
python3 "$root/bench/openapi.py" "$work/request.schema.json" "$work/report.schema.json" \
    "$root/tests/data/seed-report.json" >"$work/openapi.json"
prism_port=$(free_port)
"$prism" mock --host 127.0.0.1 --port "$prism_port" --dynamic false --errors false "$work/openapi.json" \
    >"$work/prism.out" 2>&1 &
pids+=($!)
for _ in $(seq 600); do
    grep -q "Prism is listening" "$work/prism.out" && break
    sleep 0.1
done
grep -q "Prism is listening" "$work/prism.out" || { cat "$work/prism.out" >&2; exit 1; }
# Node compiles its hot paths while it runs: Prism gets the same warm-up as the mock.
load post.lua "http://127.0.0.1:$prism_port/api/2/reports" "$warmup" >/dev/null
prism_post=$(load post.lua "http://127.0.0.1:$prism_port/api/2/reports")

python3 - "$mock_post" "$mock_get" "$prism_post" "$stored" "$duration" "$connections" <<'PY'
import json, sys
mock_post, mock_get, prism_post = (json.loads(a) for a in sys.argv[1:4])
stored, duration, connections = sys.argv[4:7]
print(f"command: bench/mock.sh (wrk --latency, {duration} per run, {connections} keep-alive "
      f"connections, seed request body)")
print()
print("| server | load | requests/s | p50 (ms) | p99 (ms) | requests | non-200 |")
print("|---|---|---|---|---|---|---|")
for name, load, r in (("reportkit-mock", "POST /api/2/reports", mock_post),
                      ("reportkit-mock", f"GET /api/2/reports/{{id}} over {stored} ids", mock_get),
                      ("Prism 5", "POST /api/2/reports", prism_post)):
    print(f"| {name} | {load} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} "
          f"| {r['requests']:,} | {r['non200'] + r['socket_errors']} |")
ratio = mock_post["rps"] / prism_post["rps"] if prism_post["rps"] else float("inf")
checks = [
    (f"POST requests/s ÷ Prism: {ratio:.1f}x (target ≥ 10x)", ratio >= 10),
    (f"p99 POST {mock_post['p99_ms']:.2f} ms, GET {mock_get['p99_ms']:.2f} ms (target < 5 ms)",
     mock_post["p99_ms"] < 5 and mock_get["p99_ms"] < 5),
    ("every answer a 200 (reportkit-mock and Prism)",
     all(r["non200"] == 0 and r["socket_errors"] == 0 for r in (mock_post, mock_get, prism_post))),
]
print()
for text, ok in checks:
    print(f"- {text}: {'met' if ok else 'MISSED'}")
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY

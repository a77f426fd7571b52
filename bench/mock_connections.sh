#!/usr/bin/env bash
# Many connections (issue 13): wrk GETs of stored reports and POSTs against reportkit-mock in
# memory, at 16, 64 and 256 keep-alive connections, 10 s each; every request must be answered
# (no socket errors, no timeouts, every answer a 200) with p99 under 10 ms. With
# OLD=path/to/an/older/reportkit-mock, the same loads against it in the same run.
#   bench/mock_connections.sh        CONNECTIONS="64 256" DURATION=10s bench/mock_connections.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
duration=${DURATION:-10s}
counts=${CONNECTIONS:-16 64 256}
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

results=()
for server in new ${OLD:+old}; do
    bin=$build/bin/reportkit-mock
    [ "$server" = old ] && bin=$OLD
    "$bin" --port 0 --token "$token" --log off >"$work/$server.out" 2>/dev/null &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 300); do [ -s "$work/$server.out" ] && break; sleep 0.1; done
    url=$(head -n1 "$work/$server.out")
    origin=${url%/api/2}
    for _ in $(seq 200); do
        curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            --data-binary @"$BODY_FILE" "$url/reports" |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
    done >"$work/ids"
    for c in $counts; do
        for load in get post; do
            if [ $load = get ]; then
                r=$(IDS_FILE=$work/ids PATH_PREFIX=/api/2/reports/ wrk -t2 -c"$c" -d"$duration" \
                    --latency -s "$root/bench/wrk/get.lua" "$origin" | sed -n 's/^RESULT //p')
            else
                r=$(wrk -t2 -c"$c" -d"$duration" --latency -s "$root/bench/wrk/post.lua" \
                    "$url/reports" | sed -n 's/^RESULT //p')
            fi
            results+=("$server $c $load $r")
        done
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
done

printf '%s\n' "${results[@]}" >"$work/results"
python3 - "$work/results" <<'PY'
import json, sys
print("| server | connections | load | requests/s | p50 (ms) | p99 (ms) | non-200 | socket errors |")
print("|---|---|---|---|---|---|---|---|")
ok = True
for line in open(sys.argv[1]):
    server, c, load, r = line.split(" ", 3)
    r = json.loads(r)
    name = "reportkit-mock" if server == "new" else "older reportkit-mock"
    print(f"| {name} | {c} | {load.upper()} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | "
          f"{r['p99_ms']:.2f} | {r['non200']} | {r['socket_errors']} |")
    if server == "new" and int(c) >= 64:
        ok &= r["p99_ms"] < 10 and r["non200"] == 0 and r["socket_errors"] == 0
print()
print(f"- 64 and 256 connections: every request answered, p99 < 10 ms: {'met' if ok else 'MISSED'}")
sys.exit(0 if ok else 1)
PY

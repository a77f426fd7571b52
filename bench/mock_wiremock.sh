#!/usr/bin/env bash
# reportkit-mock in memory against WireMock 3.13.2 (npm `wiremock`, pinned in
# bench/package-lock.json, its jar run on the machine's Java) in the same run: keep-alive POSTs
# of the seed request at 16 connections, 10 s measured after a 30 s warm-up each. WireMock
# answers from a static stub for the same route (the seed report). Target: reportkit-mock >= 2x
# WireMock's requests/s as a user runs it (`java -jar`, no flags: its request journal keeps
# every request). Two more WireMock rows show how its journal decides its speed: limited to
# 10,000 entries like the mock's default (WireMock then slows to a few hundred a second), and
# switched off (--no-request-journal), which the mock cannot do.
#   bench/mock_wiremock.sh         WARMUP=30s DURATION=10s CONNECTIONS=16 bench/mock_wiremock.sh
#   VARIANTS=defaults bench/mock_wiremock.sh    # only the baseline of the target
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
duration=${DURATION:-10s}
warmup=${WARMUP:-30s}
connections=${CONNECTIONS:-16}
token=reportkit-bench-token
jar=$root/bench/node_modules/wiremock/build/wiremock-standalone-3.13.2.jar
[ -f "$jar" ] || { echo "mock_wiremock.sh: run 'npm ci' in bench/ (scripts/install-deps.sh does)" >&2; exit 2; }
command -v java >/dev/null || { echo "mock_wiremock.sh: needs Java (default-jre-headless)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export TOKEN=$token RESULT_LUA=$root/bench/wrk/result.lua BODY_FILE=$root/tests/data/seed-request.json
load() { wrk -t2 -c"$connections" -d"$2" --latency -s "$root/bench/wrk/post.lua" "$1" |
    sed -n 's/^RESULT //p'; }

python3 - "$root/tests/data/seed-report.json" >"$work/stub.json" <<'PY'
import json, sys
print(json.dumps({"request": {"method": "POST", "urlPath": "/api/2/reports"},
                  "response": {"status": 200, "body": open(sys.argv[1]).read(),
                               "headers": {"Content-Type": "application/json"}}}))
PY
# wiremock NAME [FLAGS...]: a fresh WireMock with the stub, warmed up, then measured into
# $work/NAME.json; stopped after.
wiremock() {
    local name=$1 port pid
    shift
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    java -jar "$jar" --port "$port" --bind-address 127.0.0.1 --disable-banner "$@" \
        >"$work/wiremock-$name.out" 2>&1 &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 600); do
        curl -sf "http://127.0.0.1:$port/__admin/mappings" >/dev/null 2>&1 && break
        sleep 0.1
    done
    curl -sf -X POST --data-binary @"$work/stub.json" "http://127.0.0.1:$port/__admin/mappings" >/dev/null
    load "http://127.0.0.1:$port/api/2/reports" "$warmup" >/dev/null
    load "http://127.0.0.1:$port/api/2/reports" "$duration" >"$work/$name.json"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}
variants=${VARIANTS:-defaults journal_10000 no_journal}
for v in $variants; do
    case $v in
    defaults) wiremock defaults ;;
    journal_10000) wiremock journal_10000 --max-request-journal-entries 10000 ;;
    no_journal) wiremock no_journal --no-request-journal ;;
    *) echo "mock_wiremock.sh: unknown variant $v" >&2; exit 2 ;;
    esac
done

"$build/bin/reportkit-mock" --port 0 --token "$token" --log off >"$work/mock.out" 2>/dev/null &
pids+=($!)
for _ in $(seq 300); do [ -s "$work/mock.out" ] && break; sleep 0.1; done
url=$(head -n1 "$work/mock.out")
load "$url/reports" "$warmup" >/dev/null
load "$url/reports" "$duration" >"$work/mock.json"

python3 - "$work" "$connections" $variants <<'PY'
import json, os, sys
work, connections, variants = sys.argv[1], sys.argv[2], sys.argv[3:]
names = {"defaults": "WireMock 3.13.2 (static stub, as run with no flags)",
         "journal_10000": "WireMock 3.13.2 (journal limited to 10,000, like the mock's)",
         "no_journal": "WireMock 3.13.2 (--no-request-journal)"}
read = lambda name: json.load(open(os.path.join(work, name + ".json")))
mock = read("mock")
print("| server | POST /api/2/reports | requests/s | p50 (ms) | p99 (ms) | non-200 |")
print("|---|---|---|---|---|---|")
rows = [("reportkit-mock (in memory, stores each, journal limited to 10,000)", mock)]
rows += [(names[v], read(v)) for v in variants]
for name, r in rows:
    print(f"| {name} | {connections} connections | {r['rps']:,.0f} | {r['p50_ms']:.2f} | "
          f"{r['p99_ms']:.2f} | {r['non200'] + r['socket_errors']} |")
print()
for v in variants:
    ratio = mock["rps"] / read(v)["rps"]
    verdict = ("met" if ratio >= 2 else "MISSED") if v == "defaults" else "for comparison"
    print(f"- reportkit-mock / {names[v]}: {ratio:.2f}x (target >= 2x against the first): {verdict}")
PY

#!/usr/bin/env bash
# Installs the Debian packages reportkit builds, tests and benchmarks with. Idempotent: when
# every package is present it only asks dpkg and returns.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format
    libboost1.81-dev libboost-json1.81-dev libboost-program-options1.81-dev
    libcpp-httplib-dev zlib1g-dev libsqlite3-dev sqlite3 catch2 libgtest-dev dpkg-dev
    libbenchmark-dev wrk hyperfine time
    libvalijson-dev rapidjson-dev libfccp-dev
    python3
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

# Node.js runs the second JSON Schema referee; any install that provides npm will do.
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}" >&2
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# npm packages pinned by a lockfile (test referees, benchmark baselines), each in its folder.
root=$(cd "$(dirname "$0")/.." && pwd)
for lock in "$root"/tests/referee/package-lock.json "$root"/bench/package-lock.json; do
    dir=$(dirname "$lock")
    if [ -f "$lock" ] && { [ ! -d "$dir/node_modules" ] || [ "$lock" -nt "$dir/node_modules" ]; }; then
        echo "install-deps: npm ci in ${dir#"$root"/}" >&2
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
done

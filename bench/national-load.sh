#!/usr/bin/env bash
# Benchmark of issue 16: the first start of a national deployment. The app starts on a fresh SQLite database and on a fresh
# PostgreSQL database with Network:Provinces=* (all 63 provinces of 01/03/2025, 34 of 01/07/2025) and, side by side as the
# baseline, with Thanh Hóa only (38, the default), ROUNDS times each. Reports the reference load's own time (the seeder's
# "Reference data ready in X s" line: units, the 1/7/2025 reform, agencies) and the time from launch to that line
# (migrations of the new database included), as medians. The demo data is off: it is the same on both sides.
# Usage: bench/national-load.sh [ROUNDS=3]   (PostgreSQL from bench/pg.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
# The demo data and its published password are allowed in Development only (issue 15).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
rounds=${1:-3}
dotnet build -c Release src/Web -v q -nologo >/dev/null
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
pg="psql -qtA -h 127.0.0.1 -p 55432 -U postgres"
bench/pg.sh start >/dev/null
mkdir -p bench/out
run() { # provider connection-string dir provinces -> "seed-seconds launch-to-ready-seconds unit-versions"
  rm -rf "$3"; mkdir -p "$3"
  local start pid line
  start=$(date +%s.%N)
  ( cd "$3" && exec env Database__Provider="$1" "ConnectionStrings__Bookpost=$2" Database__DataDirectory=. Demo__Enabled=false \
      Network__Provinces="$4" Urls=http://127.0.0.1:0 Logging__Console__FormatterName=simple Logging__LogLevel__Default=Warning \
      "Logging__LogLevel__Bookpost.Web.Features.Network.Seed=Information" dotnet "$web" >log.txt 2>&1 ) &
  pid=$!
  for _ in $(seq 1 1200); do
    line=$(grep -A1 "ReferenceDataSeeder" "$3/log.txt" | grep -m1 "Reference data ready" || true)
    [ -n "$line" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped: see $3/log.txt" >&2; exit 1; }
    sleep 0.1
  done
  local ready; ready=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [ -n "$line" ] || { echo "no 'Reference data ready' line within 120 s: see $3/log.txt" >&2; exit 1; }
  echo "$line" | sed -E 's/.*ready in ([0-9.]+) s: ([0-9]+) unit versions.*/\1 \2/' | awk -v w="$(echo "$ready - $start" | bc)" '{print $1, w, $2}'
}
for i in $(seq "$rounds"); do
  for set in 38 '*'; do
    name=$([ "$set" = 38 ] && echo thanh-hoa || echo country)
    echo "sqlite $name $(run Sqlite "" bench/out/national-sqlite "$set")"
    $pg -c "DROP DATABASE IF EXISTS bench_national" -c "CREATE DATABASE bench_national" >/dev/null 2>&1
    echo "postgres $name $(run Postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=bench_national" bench/out/national-pg "$set")"
  done
done | tee bench/out/national-load.txt
for p in sqlite postgres; do
  for n in thanh-hoa country; do
    awk -v p=$p -v n=$n '$1==p && $2==n {print $3, $4, $5}' bench/out/national-load.txt | sort -g | awk -v p=$p -v n=$n '
      {s[NR]=$1; w[NR]=$2; u=$3} END {i=int((NR+1)/2);
      printf "%-8s %-9s: median reference load %.2f s, launch to ready %.1f s (%d unit versions)\n", p, n, s[i], w[i], u}'
  done
done

#!/usr/bin/env bash
# Issue 20 (pgspeed): the loan benchmark and the catalogue import on PostgreSQL, this checkout against an earlier build,
# rounds interleaved (base, this, base, this, …) so both builds meet the same moments of a shared machine. Durable
# settings: the cluster of bench/pg.sh (fsync on, synchronous_commit on, its default), a fresh database per round,
# and a CHECKPOINT before each (so no round pays for writing out the previous round's pages).
# Usage: bench/pg-side-by-side.sh BASE_DIR [ROUNDS=3] [SECONDS=20]
#   BASE_DIR: a checkout of the earlier build (git worktree add --detach DIR release-19), built here in Release.
#   WHAT=loans or WHAT=import runs one of the two; PGPORT (default 55432) and PORT (default 5099) move the servers.
# Output per round: loans as wrk's row (requests, errors, operations/s, p50 ms, p99 ms); import as the job's seconds
# (StartedAt to FinishedAt) and records read per second (100,188 records in bench/out/unique.mrc).
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
base=$(cd "${1:?usage: bench/pg-side-by-side.sh BASE_DIR [ROUNDS] [SECONDS]}" && pwd); rounds=${2:-3}; seconds=${3:-20}
what=${WHAT:-loans import}; pgport=${PGPORT:-55432}; port=${PORT:-5099}
here=$(pwd)
for tree in "$base" "$here"; do dotnet build -c Release "$tree/src/Web" -v q -nologo >/dev/null; done
dotnet build -c Release bench/LoanBench -v q -nologo >/dev/null
client=$here/bench/LoanBench/bin/Release/net10.0/Bookpost.LoanBench.dll
if [[ $what == *import* ]]; then
  [ -f bench/out/bench.mrc ] || python3 bench/make-big-marc.py bench/out/bench.mrc
  dotnet build -c Release bench/MarcBench -v q -nologo >/dev/null
  [ -f bench/out/unique.mrc ] || dotnet bench/MarcBench/bin/Release/net10.0/Bookpost.MarcBench.dll unique bench/out/bench.mrc bench/out/unique.mrc
fi
[ "$pgport" = 55432 ] && bench/pg.sh start >/dev/null
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql
pg() { "$psql_bin" -qtA -h 127.0.0.1 -p "$pgport" -U postgres "$@"; }
conn() { echo "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Maximum Pool Size=64"; }
data=$here/bench/out/pg-loans-wrk.lua
server=
stop_server() { [ -n "$server" ] && { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }; server=; }
trap stop_server EXIT # a failed run leaves no server behind
loans() { # tree -> wrk's row
  pg -c "DROP DATABASE IF EXISTS bench_pgloans" -c "CREATE DATABASE bench_pgloans" -c CHECKPOINT >/dev/null
  local dir=$here/bench/out/pg-loans-app; rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && Database__Provider=Postgres ConnectionStrings__Bookpost="$(conn bench_pgloans)" Database__DataDirectory=. \
    Auth__SignInAttemptsPerMinute=1000 Logging__LogLevel__Default=Warning \
    exec dotnet "$1/src/Web/bin/Release/net10.0/Bookpost.Web.dll" --urls "http://127.0.0.1:$port" >web.log 2>&1) &
  server=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  local reset="dotnet $client http://127.0.0.1:$port $seconds 16"
  run_wrk() { LOANS_DATA=$data wrk -t16 -c16 -d"$1"s -s bench/loans.lua "http://127.0.0.1:$port" | tail -1; }
  WRK_DATA=$data $reset >/dev/null
  run_wrk 15 >/dev/null # warm-up of the loan path (the tiered JIT needs it on two busy cores)
  WRK_DATA=$data $reset >/dev/null
  run_wrk "$seconds"
  stop_server
}
import() { # tree -> "job-seconds records/s"
  pg -c "DROP DATABASE IF EXISTS bench_pgimport" -c "CREATE DATABASE bench_pgimport" -c CHECKPOINT >/dev/null
  local dir=$here/bench/out/pg-import-app; rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && Database__Provider=Postgres ConnectionStrings__Bookpost="$(conn bench_pgimport)" Database__DataDirectory=. \
    Demo__Enabled=false Logging__LogLevel__Default=Warning \
    dotnet "$1/src/Web/bin/Release/net10.0/Bookpost.Web.dll" import-marc "$here/bench/out/unique.mrc" --items none >/dev/null 2>&1)
  pg -d bench_pgimport -c 'SELECT round(extract(epoch FROM "FinishedAt" - "StartedAt")::numeric, 2),
    round(100188 / extract(epoch FROM "FinishedAt" - "StartedAt")) FROM "ImportJobs"' | tr '|' ' '
}
for i in $(seq "$rounds"); do
  for tree in "$base" "$here"; do
    label=$([ "$tree" = "$here" ] && echo "this ($(git rev-parse --short HEAD))" || echo "base ($(git -C "$tree" rev-parse --short HEAD))")
    [[ $what == *loans* ]] && echo "loans  $label round $i: $(loans "$tree")"
    [[ $what == *import* ]] && echo "import $label round $i: $(import "$tree")"
  done
done

#!/usr/bin/env bash
# Benchmark of issue 5: loan operations per second over HTTP on loopback, on SQLite and on PostgreSQL, durable commits
# (SQLite WAL with synchronous=FULL; PostgreSQL with fsync on). Each database gets a fresh app with demo data served on
# 127.0.0.1:5099 from a Release build; bench/LoanBench then runs GET /health (the ceiling) and check-out/return loops.
# Usage: bench/loans.sh [ROUNDS=3] [SECONDS=20] [WORKERS=16]   (ONLY=sqlite skips PostgreSQL)
# The load comes from wrk (Debian's package; bench/loans.lua) when it is installed, else from LoanBench's own C#
# client; CLIENT=dotnet chooses the C# client. LoanBench makes the setup in both cases.
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
# The demo data and its published password are allowed in Development only (issue 15).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
rounds=${1:-3}; seconds=${2:-20}; workers=${3:-16}
dotnet build -c Release src/Web -v q -nologo >/dev/null
dotnet build -c Release bench/LoanBench -v q -nologo >/dev/null
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
client=$(pwd)/bench/LoanBench/bin/Release/net10.0/Bookpost.LoanBench.dll
client_kind=${CLIENT:-$(command -v wrk >/dev/null && echo wrk || echo dotnet)}
data=$(pwd)/bench/out/loans-wrk.lua
serve() { # provider connection-string data-dir
  mkdir -p "$3"
  if curl -sf http://127.0.0.1:5099/health/live >/dev/null; then echo "127.0.0.1:5099 is already in use" >&2; exit 1; fi
  (cd "$3" && Database__Provider=$1 ConnectionStrings__Bookpost="$2" Database__DataDirectory=. Auth__SignInAttemptsPerMinute=1000 \
    Logging__LogLevel__Default=Warning exec dotnet "$web" --urls http://127.0.0.1:5099 >web.log 2>&1) &
  server=$!
  trap 'kill -TERM $server 2>/dev/null || true' EXIT # a failed run leaves no server behind
  for _ in $(seq 90); do curl -sf http://127.0.0.1:5099/health >/dev/null && break; sleep 1; done
}
wrk_run() { # seconds [GET path [ANONYMOUS]]: one wrk run, a thread and a connection per clerk
  GET=${2:-} ANONYMOUS=${3:-} LOANS_DATA=$data wrk -t"$workers" -c"$workers" -d"$1"s -s bench/loans.lua http://127.0.0.1:5099 | tail -1
}
reset() { WRK_DATA=$data dotnet "$client" http://127.0.0.1:5099 "$seconds" "$workers"; } # setup; returns every bench copy
run() { # label
  for i in $(seq "$rounds"); do
    echo "## $1, round $i ($client_kind)"
    if [ "$client_kind" = dotnet ]; then dotnet "$client" http://127.0.0.1:5099 "$seconds" "$workers"; continue; fi
    reset
    echo "| endpoint | requests | errors | requests/s | p50 ms | p99 ms |"; echo "|---|---:|---:|---:|---:|---:|"
    wrk_run 5 /health/live 1 >/dev/null
    wrk_run "$seconds" /health/live 1
    wrk_run "$seconds" /api/v1/me
    wrk_run 15 >/dev/null; reset # warm-up of the loan path (see LoanBench), then every copy back
    wrk_run "$seconds" # the next round's reset takes back what this one left out
  done
}
rm -rf bench/out/loans-sqlite
serve Sqlite "" bench/out/loans-sqlite
run SQLite
kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; sleep 1
[ "${ONLY:-}" = sqlite ] && exit 0
pg=$(bench/pg.sh start)
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql
runuser -u postgres -- "$psql_bin" -h 127.0.0.1 -p 55432 -U postgres -qc "DROP DATABASE IF EXISTS bookpost_loans" -c "CREATE DATABASE bookpost_loans" 2>/dev/null \
  || "$psql_bin" -h 127.0.0.1 -p 55432 -U postgres -qc "DROP DATABASE IF EXISTS bookpost_loans" -c "CREATE DATABASE bookpost_loans"
serve Postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=bookpost_loans;Maximum Pool Size=64" bench/out/loans-pg
run PostgreSQL
kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; sleep 1

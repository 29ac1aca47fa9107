#!/usr/bin/env bash
# Benchmark of issue 5: loan operations per second over HTTP on loopback, on SQLite and on PostgreSQL, durable commits
# (SQLite WAL with synchronous=FULL; PostgreSQL with fsync on). Each database gets a fresh app with demo data served on
# 127.0.0.1:5099 from a Release build; bench/LoanBench then runs GET /health (the ceiling) and check-out/return loops.
# Usage: bench/loans.sh [ROUNDS=3] [SECONDS=20] [WORKERS=16]   (ONLY=sqlite skips PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}; seconds=${2:-20}; workers=${3:-16}
dotnet build -c Release src/Web -v q -nologo >/dev/null
dotnet build -c Release bench/LoanBench -v q -nologo >/dev/null
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
client=$(pwd)/bench/LoanBench/bin/Release/net10.0/Bookpost.LoanBench.dll
serve() { # provider connection-string data-dir
  mkdir -p "$3"
  if curl -sf http://127.0.0.1:5099/health/live >/dev/null; then echo "127.0.0.1:5099 is already in use" >&2; exit 1; fi
  (cd "$3" && Database__Provider=$1 ConnectionStrings__Bookpost="$2" Database__DataDirectory=. Auth__SignInAttemptsPerMinute=1000 \
    Logging__LogLevel__Default=Warning exec dotnet "$web" --urls http://127.0.0.1:5099 >web.log 2>&1) &
  server=$!
  for _ in $(seq 90); do curl -sf http://127.0.0.1:5099/health >/dev/null && break; sleep 1; done
}
run() { # label
  for i in $(seq "$rounds"); do echo "## $1, round $i"; dotnet "$client" http://127.0.0.1:5099 "$seconds" "$workers"; done
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

#!/usr/bin/env bash
# Crash test of issue 15: 16 clerks lend and return over HTTP (bench/kill9.lua, the clerks of bench/loans.lua) while the
# server is killed with kill -9 at a random moment; the server is started again on the same data, and the database
# must be consistent and hold everything the server acknowledged:
#   - integrity (SQLite PRAGMA integrity_check; PostgreSQL pg_amcheck when installed);
#   - no copy on loan without an open loan, and no open loan whose copy is not on loan;
#   - no copy with two open loans, none with two open custody spans, and an open loan <=> an open span held by a reader;
#   - every loan has its "Created" audit row and every returned loan an "Updated" one;
#   - at least as many new loans and returns as the clients were told succeeded;
#   - the restarted server answers, and every bench copy can be taken back and lent again.
# Usage: bench/kill9.sh [ROUNDS=3] [WORKERS=16]   (ONLY=sqlite skips PostgreSQL). Needs wrk, sqlite3 and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
# The demo data and its published password are allowed in Development only (issue 15).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
rounds=${1:-3}; workers=${2:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)" >&2; exit 1; }
dotnet build -c Release src/Web -v q -nologo >/dev/null
dotnet build -c Release bench/LoanBench -v q -nologo >/dev/null
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
client=$(pwd)/bench/LoanBench/bin/Release/net10.0/Bookpost.LoanBench.dll
mkdir -p bench/out
data=$(pwd)/bench/out/kill9-wrk.lua
acked=$(pwd)/bench/out/kill9-acked.txt
psql_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
failures=0

serve() { # provider connection-string data-dir
  mkdir -p "$3"
  if curl -sf http://127.0.0.1:5099/health/live >/dev/null; then echo "127.0.0.1:5099 is already in use" >&2; exit 1; fi
  (cd "$3" && Database__Provider=$1 ConnectionStrings__Bookpost="$2" Database__DataDirectory=. Auth__SignInAttemptsPerMinute=1000 \
    Logging__LogLevel__Default=Warning exec dotnet "$web" --urls http://127.0.0.1:5099 >>web.log 2>&1) &
  server=$!
  for _ in $(seq 120); do curl -sf http://127.0.0.1:5099/health >/dev/null && return 0; sleep 1; done
  echo "the server did not come up; see $3/web.log" >&2; exit 1
}

query() { # one number from SQL on the current database
  if [ "$provider" = Sqlite ]; then sqlite3 "$dir/bookpost.db" "$1"
  else runuser -u postgres -- "$psql_bin/psql" -h 127.0.0.1 -p 55432 -U postgres -d bookpost_kill9 -tAc "$1"; fi
}

check() { # label expected SQL
  local got; got=$(query "$3")
  if [ "$got" = "$2" ]; then echo "| $1 | $got | ok |"; else echo "| $1 | $got | **FAILED** (expected $2) |"; failures=$((failures + 1)); fi
}

at_least() { # label minimum value
  if [ "$3" -ge "$2" ]; then echo "| $1 | $3 (acknowledged $2) | ok |"
  else echo "| $1 | $3 (acknowledged $2) | **FAILED** |"; failures=$((failures + 1)); fi
}

round() { # label round
  local loans0 returns0 loans1 returns1 kill_after
  WRK_DATA=$data dotnet "$client" http://127.0.0.1:5099 5 "$workers" >/dev/null # setup; returns any bench copy still out
  loans0=$(query 'SELECT count(*) FROM "Loans"'); returns0=$(query 'SELECT count(*) FROM "Loans" WHERE "ReturnedAt" IS NOT NULL')
  kill_after=$((5 + RANDOM % 11))
  rm -f "$acked"
  (LOANS_DATA=$data KILL9_OUT=$acked wrk -t"$workers" -c"$workers" -d"$((kill_after + 4))"s -s bench/kill9.lua http://127.0.0.1:5099 \
    >/dev/null 2>&1) &
  local load=$!
  sleep "$kill_after"
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  wait "$load" || true
  read -r ack_loans ack_returns <"$acked"
  echo; echo "### $1, round $2: kill -9 after ${kill_after} s of load, then restart"; echo
  echo "| check | value | |"; echo "|---|---:|---|"
  if [ "$provider" = Sqlite ]; then check "integrity_check" ok "PRAGMA integrity_check"
  elif [ -x "$psql_bin/pg_amcheck" ]; then
    if runuser -u postgres -- "$psql_bin/pg_amcheck" -h 127.0.0.1 -p 55432 -U postgres --install-missing -d bookpost_kill9 >/dev/null 2>&1
    then echo "| pg_amcheck (heap and B-tree) | clean | ok |"; else echo "| pg_amcheck | errors | **FAILED** |"; failures=$((failures + 1)); fi
  fi
  serve "$provider" "$conn" "$dir"
  loans1=$(query 'SELECT count(*) FROM "Loans"'); returns1=$(query 'SELECT count(*) FROM "Loans" WHERE "ReturnedAt" IS NOT NULL')
  at_least "new loans" "$ack_loans" $((loans1 - loans0))
  at_least "new returns" "$ack_returns" $((returns1 - returns0))
  check "copies on loan without an open loan" 0 \
    "SELECT count(*) FROM \"Items\" i WHERE i.\"Status\" = 'OnLoan'
       AND NOT EXISTS (SELECT 1 FROM \"Loans\" l WHERE l.\"ItemId\" = i.\"Id\" AND l.\"ReturnedAt\" IS NULL)"
  check "open loans whose copy is not on loan" 0 \
    "SELECT count(*) FROM \"Loans\" l JOIN \"Items\" i ON i.\"Id\" = l.\"ItemId\" WHERE l.\"ReturnedAt\" IS NULL AND i.\"Status\" <> 'OnLoan'"
  check "copies with two open loans" 0 \
    "SELECT count(*) FROM (SELECT \"ItemId\" FROM \"Loans\" WHERE \"ReturnedAt\" IS NULL GROUP BY \"ItemId\" HAVING count(*) > 1) x"
  check "copies with two open custody spans" 0 \
    "SELECT count(*) FROM (SELECT \"ItemId\" FROM \"ItemCustody\" WHERE \"ToUtc\" IS NULL GROUP BY \"ItemId\" HAVING count(*) > 1) x"
  check "open loans without an open span held by a reader" 0 \
    "SELECT count(*) FROM \"Loans\" l WHERE l.\"ReturnedAt\" IS NULL AND NOT EXISTS (SELECT 1 FROM \"ItemCustody\" c
       WHERE c.\"ItemId\" = l.\"ItemId\" AND c.\"ToUtc\" IS NULL AND c.\"Holder\" = 'Reader')"
  check "open reader spans without an open loan" 0 \
    "SELECT count(*) FROM \"ItemCustody\" c WHERE c.\"ToUtc\" IS NULL AND c.\"Holder\" = 'Reader' AND NOT EXISTS
       (SELECT 1 FROM \"Loans\" l WHERE l.\"ItemId\" = c.\"ItemId\" AND l.\"ReturnedAt\" IS NULL)"
  check "spans that end before they start" 0 "SELECT count(*) FROM \"ItemCustody\" WHERE \"ToUtc\" < \"FromUtc\""
  check "loans without their audit row" 0 \
    "SELECT count(*) FROM \"Loans\" l WHERE NOT EXISTS (SELECT 1 FROM \"AuditEntries\" a
       WHERE a.\"EntityType\" = 'Loan' AND a.\"EntityId\" = CAST(l.\"Id\" AS TEXT) AND a.\"Action\" = 'Created')"
  check "returned loans without the return's audit row" 0 \
    "SELECT count(*) FROM \"Loans\" l WHERE l.\"ReturnedAt\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"AuditEntries\" a
       WHERE a.\"EntityType\" = 'Loan' AND a.\"EntityId\" = CAST(l.\"Id\" AS TEXT) AND a.\"Action\" = 'Updated')"
  # The restarted server works: every bench copy comes back and a short run lends and returns without errors.
  WRK_DATA=$data dotnet "$client" http://127.0.0.1:5099 5 "$workers" >/dev/null
  local errors
  errors=$(LOANS_DATA=$data wrk -t"$workers" -c"$workers" -d3s -s bench/loans.lua http://127.0.0.1:5099 2>/dev/null | tail -1 | cut -d'|' -f4 | tr -d ' ')
  if [ "$errors" = 0 ]; then echo "| failed requests in 3 s of load after the restart | 0 | ok |"
  else echo "| failed requests in 3 s of load after the restart | $errors | **FAILED** |"; failures=$((failures + 1)); fi
}

run() { # label
  serve "$provider" "$conn" "$dir"
  for i in $(seq "$rounds"); do round "$1" "$i"; done
  kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; sleep 1
}

echo "# kill -9 under load: $(date -u +%FT%TZ), $(nproc) cores, $workers clients, $rounds rounds per database"
provider=Sqlite; conn=""; dir=$(pwd)/bench/out/kill9-sqlite
rm -rf "$dir"
run SQLite
if [ "${ONLY:-}" != sqlite ]; then
  bench/pg.sh start >/dev/null
  runuser -u postgres -- "$psql_bin/psql" -h 127.0.0.1 -p 55432 -U postgres -qc "DROP DATABASE IF EXISTS bookpost_kill9" \
    -c "CREATE DATABASE bookpost_kill9" >/dev/null
  provider=Postgres; conn="Host=127.0.0.1;Port=55432;Username=postgres;Database=bookpost_kill9;Maximum Pool Size=64"
  dir=$(pwd)/bench/out/kill9-pg; rm -rf "$dir"
  run PostgreSQL
  bench/pg.sh stop
fi
echo; echo "$failures failed checks"
[ "$failures" = 0 ]

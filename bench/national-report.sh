#!/usr/bin/env bash
# The national benchmark of issue 18: a Decree 09 year's loans by commune × quarter × sex over the network made by
# generate-national (default 10,000 points, 10,000,000 loans, 5,000,000 sessions, seed 2026, year 2025 =
# 15/12/2024–14/12/2025), side by side in one run:
#   - Bookpost's API on SQLite and on PostgreSQL (bench/pg.sh): the four calls
#       GET /api/v1/reports/indicator-values?period=Quarter&year=2025&number=Q&level=Commune&codes=circulation.loans
#     one after another, as national-monitor (the whole country); each answer is every commune × sex (the loans
#     indicator's breakdown) for one quarter, so the four make the report. Timed: the four requests together, at the
#     client (curl's time_total), after one warm-up pass.
#   - DuckDB (bench/DuckBench, DuckDB.NET.Data.Full) over the same loans exported to Parquet, and reading the SQLite file
#     itself when its sqlite extension can be loaded; timed: the one query, in process.
#   - the plain GROUP BY on the raw SQLite tables (sqlite3 CLI), the baseline.
# The databases are generated once (timed, with peak memory) and kept under bench/out/national-*: delete a folder (or
# the PostgreSQL database bench_national) to generate again.
# Usage: bench/national-report.sh [ROUNDS=5]   ONLY=sqlite skips PostgreSQL; BASELINE=0 skips the raw GROUP BY.
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
# The demo accounts and national-monitor's password are for Development only (issue 15).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
rounds=${1:-5}
seed=${SEED:-2026}; points=${POINTS:-10000}; loans=${LOANS:-10000000}; sessions=${SESSIONS:-5000000}
year=2025; from=2024-12-15; to=2025-12-14; cutoff=14
password='Bookpost@2026'
port=5099
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)" >&2; exit 1; }
if [ "${NOBUILD:-0}" != 1 ]; then
  dotnet build -c Release src/Web -v q -nologo >/dev/null
  dotnet build -c Release bench/DuckBench -v q -nologo >/dev/null
fi
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
duck=$(pwd)/bench/DuckBench/bin/Release/net10.0/Bookpost.DuckBench.dll
out=$(pwd)/bench/out
pgconn="Host=127.0.0.1;Port=55432;Username=postgres;Database=bench_national;Command Timeout=600"
psql_pg() { psql -qtA -h 127.0.0.1 -p 55432 -U postgres "$@"; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u '+%Y-%m-%d %H:%M UTC')"

generate() { # provider connection-string dir
  [ -f "$3/generated" ] && { echo "$1: reusing $3 ($(tail -1 "$3/generate.log"))"; return 0; }
  mkdir -p "$3"
  ( cd "$3" && env Database__Provider="$1" "ConnectionStrings__Bookpost=$2" Database__DataDirectory=. Demo__Enabled=true \
      Network__Provinces='*' Logging__LogLevel__Default=Warning /usr/bin/time -f "wall %e s, peak RSS %M KiB" \
      dotnet "$web" generate-national --seed "$seed" --points "$points" --loans "$loans" --sessions "$sessions" \
      --year "$year" --monitor-password "$password" 2>&1 | grep -v '^{' >generate.log )
  echo "$1: generated: $(grep -E 'Done|wall' "$3/generate.log" | tr '\n' ' ')"
  touch "$3/generated"
}

serve() { # provider connection-string dir
  if curl -sf http://127.0.0.1:$port/health/live >/dev/null; then echo "127.0.0.1:$port is already in use" >&2; exit 1; fi
  (cd "$3" && exec env Database__Provider="$1" "ConnectionStrings__Bookpost=$2" Database__DataDirectory=. Demo__Enabled=true \
    Network__Provinces="*" Logging__LogLevel__Default=Warning dotnet "$web" --urls http://127.0.0.1:$port >>web.log 2>&1) &
  server=$!
  for _ in $(seq 900); do curl -sf http://127.0.0.1:$port/health >/dev/null && return 0; sleep 1; done
  echo "the server did not come up; see $3/web.log" >&2; exit 1
}

report() { # label -> median seconds of the four quarter calls; checks the total
  local token times=() total
  token=$(curl -s -X POST http://127.0.0.1:$port/api/v1/auth/token -H 'Content-Type: application/json' \
    -d "{\"username\":\"national-monitor\",\"password\":\"$password\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  for r in $(seq 0 "$rounds"); do
    local sum=0
    for q in 1 2 3 4; do
      t=$(curl -s -o "$out/national-q$q.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$port/api/v1/reports/indicator-values?period=Quarter&year=$year&number=$q&level=Commune&codes=circulation.loans")
      sum=$(awk -v a="$sum" -v b="$t" 'BEGIN { print a + b }')
    done
    [ "$r" -gt 0 ] && times+=("$sum")
  done
  total=$(python3 - "$out" <<'PY'
import json, sys
n, rows = 0, 0
for q in range(1, 5):
    t = json.load(open(f"{sys.argv[1]}/national-q{q}.json"))
    row = next(r for r in t["rows"] if r["code"] == "circulation.loans" and r["breakdown"] is None)
    n += row["values"][-1]
    rows += sum(1 for r in t["rows"] if r["breakdown"] is not None) * (len(t["columns"]) - 1)
print(f"{int(n)} loans, {len(t['columns']) - 1} communes × sexes shown per quarter")
PY
)
  printf '%s\n' "${times[@]}" | sort -g | awk -v l="$1" -v tot="$total" '{t[NR]=$1} END {
    s=""; for (i=1;i<=NR;i++) s=s (i>1?", ":"") t[i];
    printf "%s: median %.3f s (rounds sorted %s); %s\n", l, t[int((NR+1)/2)], s, tot }'
}

# SQLite
sq=$out/national-sqlite
generate Sqlite "" "$sq"
echo "sqlite file: $(du -h "$sq/bookpost.db" | cut -f1); loans $(sqlite3 "$sq/bookpost.db" 'SELECT count(*) FROM Loans'),"\
" LoanDays $(sqlite3 "$sq/bookpost.db" 'SELECT count(*) FROM LoanDays'), LoanMonths $(sqlite3 "$sq/bookpost.db" 'SELECT count(*) FROM LoanMonths')"
serve Sqlite "" "$sq"
trap 'kill $server 2>/dev/null || true' EXIT
report "bookpost-sqlite (4 quarter calls)"
kill $server; wait $server 2>/dev/null || true

# PostgreSQL
if [ "${ONLY:-}" != sqlite ]; then
  bench/pg.sh start >/dev/null
  pgdir=$out/national-pg
  if [ ! -f "$pgdir/generated" ]; then
    psql_pg -c "DROP DATABASE IF EXISTS bench_national" -c "CREATE DATABASE bench_national" >/dev/null 2>&1
  fi
  generate Postgres "$pgconn" "$pgdir"
  serve Postgres "$pgconn" "$pgdir"
  report "bookpost-postgres (4 quarter calls)"
  kill $server; wait $server 2>/dev/null || true
fi

# DuckDB over the same loans: exported once from the SQLite file.
if [ ! -f "$sq/loans.parquet" ]; then
  sqlite3 -csv "$sq/bookpost.db" 'SELECT PointId, ReaderId, LentAt, ReturnedAt, ReturnedAtPointId FROM Loans' >"$sq/loans.csv"
  sqlite3 -csv "$sq/bookpost.db" 'SELECT Id, Sex FROM Readers' >"$sq/readers.csv"
  sqlite3 -csv "$sq/bookpost.db" 'SELECT Id, CommuneCode FROM ServicePoints' >"$sq/points.csv"
  dotnet "$duck" parquet "$sq"
  rm -f "$sq"/*.csv
fi
dotnet "$duck" query "$sq" "$from" "$to" "$cutoff" "$rounds"
dotnet "$duck" sqlite "$sq/bookpost.db" "$from" "$to" "$cutoff" "$rounds"

# The baseline: the same report grouped from the raw SQLite rows.
if [ "${BASELINE:-1}" = 1 ]; then
  start=$(date +%s.%N)
  rows=$(sqlite3 "$sq/bookpost.db" "SELECT count(*), sum(n) FROM (
    SELECT p.CommuneCode, ((CAST(strftime('%m', l.LentAt, '+7 hours') AS INT)
             + (CAST(strftime('%d', l.LentAt, '+7 hours') AS INT) > $cutoff)) - 1) % 12 / 3 + 1 AS q, r.Sex, count(*) AS n
    FROM Loans l JOIN Readers r ON r.Id = l.ReaderId JOIN ServicePoints p ON p.Id = l.PointId
    WHERE l.LentAt >= datetime('$from', '-7 hours') AND l.LentAt < datetime('$to', '+1 day', '-7 hours')
    GROUP BY 1, 2, 3)")
  echo "sqlite-raw-group-by: $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }") s (one run); rows|loans $rows"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

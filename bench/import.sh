#!/usr/bin/env bash
# Benchmark (b) of issue 3: a full catalogue import with the CLI (bench/out/unique.mrc: the 100,188-record benchmark file
# with a unique control number per record), into a fresh SQLite database and a fresh PostgreSQL database, ROUNDS times
# each. Reports the import job's own time (its StartedAt to FinishedAt: reading, storing, indexing and every commit),
# the wall time of the whole command (start-up, migrations and seeding of a new database included) and peak resident memory.
# Usage: bench/import.sh [ROUNDS=3]   (PostgreSQL from bench/pg.sh; Catalog__ImportBatchSize etc. pass through)
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
# The demo data and its published password are allowed in Development only (issue 15).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
rounds=${1:-3}
[ -f bench/out/bench.mrc ] || python3 bench/make-big-marc.py bench/out/bench.mrc
dotnet build -c Release bench/MarcBench -v q -nologo >/dev/null && dotnet build -c Release src/Web -v q -nologo >/dev/null
[ -f bench/out/unique.mrc ] || dotnet bench/MarcBench/bin/Release/net10.0/Bookpost.MarcBench.dll unique bench/out/bench.mrc bench/out/unique.mrc
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
pg="psql -qtA -h 127.0.0.1 -p 55432 -U postgres"
bench/pg.sh start >/dev/null
run() { # provider connection-string dir -> "wall-seconds peak-KiB"
  rm -rf "$3"; mkdir -p "$3"
  ( cd "$3" && env Database__Provider="$1" "ConnectionStrings__Bookpost=$2" Database__DataDirectory=. Demo__Enabled=false \
      Logging__LogLevel__Default=Warning /usr/bin/time -f "%e %M" dotnet "$web" import-marc ../unique.mrc --items none 2>&1 >/dev/null | tail -1 )
}
for i in $(seq "$rounds"); do
  wall=$(run Sqlite "" bench/out/import-sqlite)
  job=$(sqlite3 bench/out/import-sqlite/bookpost.db "SELECT printf('%.2f', (julianday(FinishedAt) - julianday(StartedAt)) * 86400) FROM ImportJobs")
  echo "sqlite $job $wall"
  $pg -c "DROP DATABASE IF EXISTS bench_import" -c "CREATE DATABASE bench_import" >/dev/null 2>&1
  wall=$(run Postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=bench_import" bench/out/import-pg)
  job=$($pg -d bench_import -c 'SELECT round(extract(epoch FROM "FinishedAt" - "StartedAt")::numeric, 2) FROM "ImportJobs"')
  echo "postgres $job $wall"
done | tee bench/out/import.txt
echo "records: 100188 read, 78144 stored (22044 authority records have no 245 and are skipped)"
for p in sqlite postgres; do
  awk -v p=$p '$1==p {print $2, $3, $4}' bench/out/import.txt | sort -g | awk -v p=$p '{t[NR]=$1; w[NR]=$2; m[NR]=$3} END {i=int((NR+1)/2);
    printf "%s: median job %.2f s = %.0f records/s read (%.0f titles/s stored); whole command %.1f s; peak RSS %.0f MiB\n", p, t[i], 100188/t[i], 78144/t[i], w[i], m[i]/1024}'
done

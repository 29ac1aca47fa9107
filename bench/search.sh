#!/usr/bin/env bash
# Benchmark (c) of issue 3: search latency over HTTP at 1,000,000 titles on SQLite.
# Builds bench/out/million.mrc from the real records (each title varied with words from the records' titles and from
# Vietnamese book titles), imports it with the CLI into bench/out/million-sqlite (a few minutes, once), serves the app on
# 127.0.0.1:5099 and runs bench/SearchBench (2,000 requests over 16 typical queries, 4 at a time), ROUNDS times.
# Usage: bench/search.sh [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
# The demo data and its published password are allowed in Development only (issue 15).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
rounds=${1:-3}
[ -f bench/out/bench.mrc ] || python3 bench/make-big-marc.py bench/out/bench.mrc
dotnet build -c Release bench/MarcBench -v q -nologo >/dev/null
dotnet build -c Release bench/SearchBench -v q -nologo >/dev/null
dotnet build -c Release src/Web -v q -nologo >/dev/null
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
[ -f bench/out/million.mrc ] || dotnet bench/MarcBench/bin/Release/net10.0/Bookpost.MarcBench.dll vary bench/out/bench.mrc bench/out/million.mrc 1000000
mkdir -p bench/out/million-sqlite
cd bench/out/million-sqlite
if [ ! -f bookpost.db ]; then
  Database__DataDirectory=. Logging__LogLevel__Default=Warning /usr/bin/time -f "import: %e s, peak RSS %M KiB" dotnet "$web" import-marc ../million.mrc --items none >/dev/null
fi
Database__DataDirectory=. Logging__LogLevel__Default=Warning dotnet "$web" --urls http://127.0.0.1:5099 >web.log 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 60); do curl -sf http://127.0.0.1:5099/health >/dev/null && break; sleep 1; done
cd ../../..
for i in $(seq "$rounds"); do
  dotnet bench/SearchBench/bin/Release/net10.0/Bookpost.SearchBench.dll http://127.0.0.1:5099 demo-library Bookpost@2026 2000 4
done

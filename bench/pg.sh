#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster for the benchmarks on 127.0.0.1:55432, data in bench/out/pg.
# Usage: bench/pg.sh start|stop. Durable settings (fsync on), unlike the test fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(pwd)/bench/out/pg
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    if [ ! -d "$dir/data" ]; then
      mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || as_pg "$bin/pg_ctl" -D "$dir/data" -o "-p 55432 -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB" -l "$dir/log" start -w >/dev/null
    echo "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"
    ;;
  stop) as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null ;;
esac

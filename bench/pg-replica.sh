#!/usr/bin/env bash
# Starts (or stops) a PostgreSQL primary and a streaming replica of it on loopback, for trying the read replica
# (ConnectionStrings:BookpostReadOnly) by hand: primary on 127.0.0.1:55442, replica on 127.0.0.1:55443 (PRIMARY_PORT,
# REPLICA_PORT to change), data in bench/out/pg-replica. The replica is a copy made with pg_basebackup -R (which writes
# standby.signal and primary_conninfo), so it streams the primary's WAL and answers reads only.
# Usage: bench/pg-replica.sh start|stop|status|lag|pause|resume
#   pause/resume stop and restart the replica's replay (pg_wal_replay_pause): the lag grows while it is paused, and the
#   report pages say "Số liệu trễ … phút" once it passes a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(pwd)/bench/out/pg-replica
pport=${PRIMARY_PORT:-55442}
rport=${REPLICA_PORT:-55443}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { as_pg "$bin/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atqc "$2"; }
case "${1:-start}" in
  start)
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -d "$dir/primary" ]; then
      # initdb --auth=trust also trusts replication connections from loopback; wal_level=replica is the default.
      as_pg "$bin/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir/primary" status >/dev/null 2>&1 || as_pg "$bin/pg_ctl" -D "$dir/primary" \
      -o "-p $pport -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_senders=5" \
      -l "$dir/primary.log" start -w >/dev/null
    if [ ! -d "$dir/replica" ]; then
      as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$dir/replica" -R -X stream -c fast
    fi
    as_pg "$bin/pg_ctl" -D "$dir/replica" status >/dev/null 2>&1 || as_pg "$bin/pg_ctl" -D "$dir/replica" \
      -o "-p $rport -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c hot_standby=on" \
      -l "$dir/replica.log" start -w >/dev/null
    [ "$(sql "$rport" 'SELECT pg_is_in_recovery()')" = t ] || { echo "the replica is not in recovery" >&2; exit 1; }
    # The app's database, made on the primary (the replica gets it through the WAL); the app migrates it at start.
    [ "$(sql "$pport" "SELECT count(*) FROM pg_database WHERE datname = 'bookpost'")" = 1 ] || sql "$pport" "CREATE DATABASE bookpost"
    echo "ConnectionStrings__Bookpost=Host=127.0.0.1;Port=$pport;Username=postgres;Database=bookpost"
    echo "ConnectionStrings__BookpostReadOnly=Host=127.0.0.1;Port=$rport;Username=postgres;Database=bookpost;Timeout=5"
    ;;
  stop)
    for node in replica primary; do
      as_pg "$bin/pg_ctl" -D "$dir/$node" status >/dev/null 2>&1 && as_pg "$bin/pg_ctl" -D "$dir/$node" -m fast stop >/dev/null
    done
    true
    ;;
  status)
    sql "$pport" "SELECT 'primary: ' || application_name || ' ' || state || ' sent ' || sent_lsn || ' replayed ' || replay_lsn
      FROM pg_stat_replication"
    sql "$rport" "SELECT 'replica: in recovery ' || pg_is_in_recovery() || ', replayed ' || pg_last_wal_replay_lsn()"
    ;;
  lag)
    sql "$rport" "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
      ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END AS lag_seconds"
    ;;
  pause) sql "$rport" "SELECT pg_wal_replay_pause()" >/dev/null; echo "replay paused" ;;
  resume) sql "$rport" "SELECT pg_wal_replay_resume()" >/dev/null; echo "replay resumed" ;;
  *) echo "usage: $0 start|stop|status|lag|pause|resume" >&2; exit 2 ;;
esac

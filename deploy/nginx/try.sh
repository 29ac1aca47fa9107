#!/usr/bin/env bash
# nginx on loopback in front of two Bookpost instances on one PostgreSQL, and the loan benchmark (bench/loans.lua)
# run through it, with one instance alone beside it for comparison. Everything listens on 127.0.0.1 and is stopped at
# the end, failed or not; the PostgreSQL cluster is this script's own (bench/out/nginx/pg, port PGPORT).
# Usage: deploy/nginx/try.sh [SECONDS=20] [WORKERS=16] [ROUNDS=1]   (NO_BUILD=1 skips the Release builds)
# Needs: nginx (apt-get install nginx-light or nginx), wrk, PostgreSQL 15 binaries, the .NET SDK.
# Ports: PROXY_PORT (5180) for nginx, 5181 and 5182 for the instances, PGPORT (55450) for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}; workers=${2:-16}; rounds=${3:-1}
proxy_port=${PROXY_PORT:-5180}; ports=(5181 5182); pgport=${PGPORT:-55450}
out=$(pwd)/bench/out/nginx
command -v nginx >/dev/null || { echo "nginx không có / not installed: apt-get install nginx-light" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk không có / not installed: apt-get install wrk" >&2; exit 1; }
for p in "$proxy_port" "${ports[@]}" "$pgport"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "127.0.0.1:$p đang bận / is already in use" >&2; exit 1; fi
done
# The demo accounts the benchmark signs in with exist in Development only.
export ASPNETCORE_ENVIRONMENT=Development
if [ -z "${NO_BUILD:-}" ]; then # NO_BUILD=1: use the Release builds already there
  dotnet build -c Release src/Web -v q -nologo >/dev/null
  dotnet build -c Release bench/LoanBench -v q -nologo >/dev/null
fi
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
client=$(pwd)/bench/LoanBench/bin/Release/net10.0/Bookpost.LoanBench.dll

rm -rf "$out"; mkdir -p "$out/pg" "$out/nginx"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$out/pg"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$bin/pg_ctl" -D "$out/pg/data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

# PostgreSQL with durable settings (fsync and synchronous_commit on), as in production.
as_pg "$bin/initdb" -D "$out/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$bin/pg_ctl" -D "$out/pg/data" -o "-p $pgport -k $out/pg -c listen_addresses=127.0.0.1 -c shared_buffers=512MB \
  -c max_wal_size=4GB -c max_connections=200" -l "$out/pg/log" start -w >/dev/null
"$bin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE bookpost"

# Two instances with what deploy/bookpost.env.example sets for several instances: one database, one signing key,
# nginx (127.0.0.1) as the only known proxy. The first one migrates and seeds before the second starts.
key=$(head -c 48 /dev/urandom | base64 -w0)
start_instance() { # index
  local port=${ports[$1]} dir="$out/app$1"
  mkdir -p "$dir"
  (cd "$dir" && Database__Provider=Postgres Database__DataDirectory=. \
    ConnectionStrings__Bookpost="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=bookpost;Maximum Pool Size=64" \
    Auth__SigningKey="$key" Proxy__KnownProxies=127.0.0.1 Auth__SignInAttemptsPerMinute=1000 \
    Logging__LogLevel__Default=Warning exec dotnet "$web" --urls "http://127.0.0.1:$port" >app.log 2>&1) &
  pids+=($!)
  for _ in $(seq 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 1; done
  echo "instance $1 did not start: $dir/app.log" >&2; tail -5 "$dir/app.log" >&2; exit 1
}
start_instance 0
start_instance 1

# nginx with the production proxy settings (bookpost-proxy.inc) on loopback, as a child of this script.
cat >"$out/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $out/nginx/nginx.pid;
error_log $out/nginx/error.log warn;
events { worker_connections 1024; }
http {
  log_format upstream '\$upstream_addr \$status';
  access_log $out/nginx/access.log upstream;
  client_body_temp_path $out/nginx/body; proxy_temp_path $out/nginx/proxy;
  fastcgi_temp_path $out/nginx/fastcgi; uwsgi_temp_path $out/nginx/uwsgi; scgi_temp_path $out/nginx/scgi;
  upstream bookpost {
    least_conn;
    server 127.0.0.1:${ports[0]} max_fails=3 fail_timeout=10s;
    server 127.0.0.1:${ports[1]} max_fails=3 fail_timeout=10s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$proxy_port;
    location / { proxy_pass http://bookpost; include $(pwd)/deploy/nginx/bookpost-proxy.inc; }
  }
}
CONF
nginx -t -q -c "$out/nginx/nginx.conf" -p "$out/nginx"
nginx -c "$out/nginx/nginx.conf" -p "$out/nginx" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 30); do curl -sf "http://127.0.0.1:$proxy_port/health/live" >/dev/null && break; sleep 1; done

data=$out/loans-wrk.lua
via="http://127.0.0.1:$proxy_port"
# A token issued by one instance is accepted by the other (shared signing key), both reached through nginx.
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"demo-point","password":"Bookpost@2026"}' \
  "http://127.0.0.1:${ports[0]}/api/v1/auth/token" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:${ports[1]}/api/v1/me" \
  && echo "A token from instance 1 works on instance 2." || { echo "A token from instance 1 is refused by instance 2" >&2; exit 1; }

wrk_run() { # url seconds [GET path [ANONYMOUS]]
  GET=${3:-} ANONYMOUS=${4:-} LOANS_DATA=$data wrk -t"$workers" -c"$workers" -d"$2"s -s bench/loans.lua "$1" | tail -1
}
reset() { WRK_DATA=$data dotnet "$client" "$via" "$seconds" "$workers" >/dev/null; } # setup; every bench copy back
for i in $(seq "$rounds"); do
  echo "## round $i: through nginx to two instances, and straight to instance 1"
  reset
  echo "| path | endpoint | requests | errors | requests/s | p50 ms | p99 ms |"; echo "|---|---|---:|---:|---:|---:|---:|"
  wrk_run "$via" 5 /health/live 1 >/dev/null
  echo "| nginx → 2 | $(wrk_run "$via" "$seconds" /health/live 1 | cut -c3-)"
  echo "| direct → 1 | $(wrk_run "http://127.0.0.1:${ports[0]}" "$seconds" /health/live 1 | cut -c3-)"
  wrk_run "$via" 15 >/dev/null; reset # warm-up of the loan path on both instances, then every copy back
  : >"$out/nginx/access.log"
  echo "| nginx → 2 | $(wrk_run "$via" "$seconds" | cut -c3-)"
  reset
  echo "| direct → 1 | $(wrk_run "http://127.0.0.1:${ports[0]}" "$seconds" | cut -c3-)"
done
echo "Requests per instance through nginx since the last loan run began (the run and the reset after it):"
awk '{ n[$1]++ } END { for (u in n) print "  " u ": " n[u] }' "$out/nginx/access.log"

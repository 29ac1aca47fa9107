#!/usr/bin/env bash
# The public portal's benchmark (issue 21, "fast and light"): the Release build on SQLite, loaded with wrk at 32
# connections, measuring in the SAME run, interleaved, ROUNDS times each:
#   - /health/live, the ceiling (the app's cheapest answer through the same pipeline),
#   - a point's public page /diem/<code>,
#   - the point search /tim-diem?q=<name>,
# every request asking for "Accept-Encoding: br, gzip" as a phone's browser does. It prints the median requests/s and
# the median p99 of each path as a markdown table, the ratio point page / ceiling (goal: at least 50 %), and the
# transfer size of the point page (HTML and stylesheet, compressed, as curl --compressed receives them).
# Data: DATA=national (default) generates 10,000 points once with generate-national (the reports' national network; no
# loans or sessions, which the public pages do not read) under bench/out/portal-national and reuses it; DATA=demo uses
# the demo network of Thanh Hóa (about 120 points) under bench/out/portal-demo.
# Usage: bench/portal.sh [POINT_PATH] [SEARCH_PATH]   (defaults: the demo point "Hoằng Kim", or the first point of the
#   national data, and a search for its commune's name)
#   DURATION=10s ROUNDS=3 CONNECTIONS=32 THREADS=2 POINTS=10000 NOBUILD=1 (skip the Release build) PORT=5098
#   CACHE_SECONDS=0 turns the output cache off (Portal:CacheSeconds), to measure what rendering each page costs
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)" >&2; exit 1; }
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
data=${DATA:-national}; duration=${DURATION:-10s}; rounds=${ROUNDS:-3}; connections=${CONNECTIONS:-32}; threads=${THREADS:-2}
points=${POINTS:-10000}; port=${PORT:-5098}
base=http://127.0.0.1:$port
case "$data" in national|demo) ;; *) echo "DATA is national or demo" >&2; exit 1 ;; esac
if [ "${NOBUILD:-0}" != 1 ]; then dotnet build -c Release src/Web -v q -nologo >/dev/null; fi
web=$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll
dir=$(pwd)/bench/out/portal-$data
mkdir -p "$dir"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u '+%Y-%m-%d %H:%M UTC')"

appenv=(Database__Provider=Sqlite Database__DataDirectory=. Demo__Enabled=true Logging__LogLevel__Default=Warning
  Portal__CacheSeconds="${CACHE_SECONDS:-60}")
[ "$data" = national ] && appenv+=(Network__Provinces='*')
if [ "$data" = national ] && [ ! -f "$dir/generated" ]; then
  echo "generating $points points (once; kept in $dir)"
  ( cd "$dir" && env "${appenv[@]}" /usr/bin/time -f "wall %e s, peak RSS %M KiB" dotnet "$web" generate-national \
      --seed 2026 --points "$points" --loans 0 --sessions 0 2>&1 | grep -v '^{' >generate.log )
  touch "$dir/generated"
fi

if curl -sf "$base/health/live" >/dev/null; then echo "$base is already in use" >&2; exit 1; fi
(cd "$dir" && exec env "${appenv[@]}" dotnet "$web" --urls "$base" >>web.log 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 900); do curl -sf "$base/health" >/dev/null && break; sleep 1; done
curl -sf "$base/health" >/dev/null || { echo "the server did not come up; see $dir/web.log" >&2; exit 1; }

# The point measured: the one given, else the demo point (Hoằng Kim) or the national data's first point.
read -r code name < <(sqlite3 -separator ' ' "$dir/bookpost.db" \
  "SELECT Code, Name FROM ServicePoints ORDER BY (Name LIKE '%Hoằng Kim%') DESC, Id LIMIT 1")
point_path=${1:-/diem/$(echo "$code" | tr 'A-Z' 'a-z')}
query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1].replace("Điểm BĐVHX ", "")))' "$name")
search_path=${2:-/tim-diem?q=$query}
paths=(/health/live "$point_path" "$search_path")
points_in_db=$(sqlite3 "$dir/bookpost.db" "SELECT count(*) FROM ServicePoints")
echo "data: $data ($points_in_db points); point: $code $name; $connections connections, $threads threads, $duration x $rounds rounds;" \
  "output cache ${CACHE_SECONDS:-60} s"
for p in "${paths[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base$p")
  echo "  $p answers $status"
done

run() { # path -> "requests/s p99-ms non-2xx"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -H 'Accept-Encoding: br, gzip' "$base$1" | awk '
    /Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { bad = $5 }
    $1 == "99%" { v = $2; ms = v + 0; if (v ~ /us$/) ms /= 1000; else if (v ~ /ms$/) ms += 0; else if (v ~ /s$/) ms *= 1000; p99 = ms }
    END { printf "%s %.2f %d\n", rps, p99, bad + 0 }'
}

echo "warm-up"
for p in "${paths[@]}"; do wrk -t"$threads" -c"$connections" -d3s -H 'Accept-Encoding: br, gzip' "$base$p" >/dev/null; done

declare -A rps p99 bad
for r in $(seq "$rounds"); do
  for p in "${paths[@]}"; do
    read -r a b c < <(run "$p")
    rps[$p]+="$a "; p99[$p]+="$b "; bad[$p]=$(( ${bad[$p]:-0} + c ))
    echo "  round $r $p: $a req/s, p99 $b ms, non-2xx $c"
  done
done

median() {
  tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
echo "| path | requests/s (median of $rounds) | p99 ms (median) | non-2xx |"
echo "| --- | ---: | ---: | ---: |"
for p in "${paths[@]}"; do
  printf '| `%s` | %.0f | %.2f | %d |\n' "$p" "$(echo "${rps[$p]}" | median)" "$(echo "${p99[$p]}" | median)" "${bad[$p]}"
done
ceiling=$(echo "${rps[/health/live]}" | median)
page=$(echo "${rps[$point_path]}" | median)
search=$(echo "${rps[$search_path]}" | median)
awk -v p="$page" -v s="$search" -v c="$ceiling" \
  'BEGIN { printf "\npoint page / ceiling: %.0f %% (goal >= 50 %%); search / ceiling: %.0f %%\n", 100 * p / c, 100 * s / c }'

# What a phone downloads for the point page: its HTML and its stylesheet, compressed (curl --compressed asks for gzip
# and br where curl has it; the encoding received is shown).
html_bytes=$(curl -s --compressed -o "$dir/page.html" -w '%{size_download}' "$base$point_path")
html_enc=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: br, gzip' "$base$point_path" | tr -d '\r' \
  | awk -F': ' 'tolower($1) == "content-encoding" { print $2 }')
css=$(grep -o '<link rel="stylesheet" href="[^"]*"' "$dir/page.html" | sed -E 's/.*href="([^"]*)"/\1/; s/&amp;/\&/g' | head -1)
css_bytes=$( [ -n "$css" ] && curl -s --compressed -o /dev/null -w '%{size_download}' "$base$css" || echo 0)
echo "point page transfer: HTML $html_bytes B (${html_enc:-identity} for br, gzip), stylesheet $css $css_bytes B (curl --compressed)," \
  "total $((html_bytes + css_bytes)) B"

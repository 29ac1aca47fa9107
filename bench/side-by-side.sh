#!/usr/bin/env bash
# Runs the loan benchmark (SQLite) and the catalogue import against this checkout and an earlier commit, rounds
# interleaved (base, this, base, this, …) so that both builds meet the same moments of a shared machine.
# Usage: bench/side-by-side.sh BASE_REV [ROUNDS=3] [SECONDS=20]   (WHAT=loans or WHAT=import runs one of the two)
# Output per round: loans as wrk's row (requests, errors, operations/s, p50 ms, p99 ms); import as "db job-seconds
# wall-seconds peak-KiB" for SQLite and PostgreSQL.
# The earlier commit is checked out as a git worktree under bench/out/base-REV and built there in Release.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: bench/side-by-side.sh BASE_REV [ROUNDS] [SECONDS]}; rounds=${2:-3}; seconds=${3:-20}
what=${WHAT:-loans import}
here=$(pwd)
short=$(git rev-parse --short "$base")
dir=$here/bench/out/base-$short
[ -d "$dir" ] || git worktree add -q --detach "$dir" "$base"
# The base may predate bench/make-big-marc.py: both read the same file, made here.
[ -f bench/out/bench.mrc ] || python3 bench/make-big-marc.py bench/out/bench.mrc
mkdir -p "$dir/bench/out" && cp -n bench/out/bench.mrc "$dir/bench/out/" 2>/dev/null || true
for i in $(seq "$rounds"); do
  for tree in "$dir" "$here"; do
    label=$([ "$tree" = "$here" ] && echo "this ($(git rev-parse --short HEAD))" || echo "base ($short)")
    if [[ $what == *loans* ]]; then
      ops=$(cd "$tree" && ONLY=sqlite bash bench/loans.sh 1 "$seconds" 16 2>&1 | tail -1)
      echo "loans  $label round $i: $ops"
    fi
    if [[ $what == *import* ]]; then
      out=$(cd "$tree" && bash bench/import.sh 1 2>&1 | grep -E '^(sqlite|postgres) ' | tr '\n' ' ')
      # Each tree keeps its own PostgreSQL cluster on the same port: stop it before the other tree starts its own.
      (cd "$tree" && bash bench/pg.sh stop) >/dev/null 2>&1 || true
      echo "import $label round $i: $out"
    fi
  done
done

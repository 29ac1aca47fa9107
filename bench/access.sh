#!/usr/bin/env bash
# Public-computer indicators over a year at the national figure of 5,000,000 sessions (DESIGN.md), on SQLite.
# Creates bench/out/access-5m with the demo data, adds 3 desktops to every site and 5,000,000 finished sessions spread
# over 365 days with varied profiles and purposes (sqlite3 CLI, Debian package sqlite3), empties the daily counters so
# the app rebuilds them at start (timed), then times ROUNDS calls of GET /api/v1/reports/indicator-values for the year,
# every access.* indicator, by district, as demo-monitor. WEB=path/to/Bookpost.Web.dll runs another build.
# Usage: bench/access.sh [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
# On PostgreSQL the app needs a signing key shared by its instances (issue 20); one per run is enough here.
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}
# The demo data and its published password are allowed in Development only (issue 15).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
rounds=${1:-5}
dotnet build -c Release src/Web -v q -nologo >/dev/null
web=${WEB:-$(pwd)/src/Web/bin/Release/net10.0/Bookpost.Web.dll}
dir=bench/out/access-5m
serve() {
  (cd "$dir" && Database__DataDirectory=. Logging__LogLevel__Default=Warning exec dotnet "$web" --urls http://127.0.0.1:5099 >web.log 2>&1) &
  server=$!
  local t0=$(date +%s.%N)
  for _ in $(seq 600); do curl -sf http://127.0.0.1:5099/health >/dev/null && break; sleep 0.5; done
  echo "server ready after $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }") s"
}
if [ ! -f "$dir/bookpost.db" ]; then
  mkdir -p "$dir"
  serve; kill $server; wait $server 2>/dev/null || true
  sqlite3 "$dir/bookpost.db" <<'SQL'
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE i < 2)
INSERT INTO Computers (SiteId, AssetTag, Kind, Source, YearReceived, Specs, Status, KioskTokenHash, KioskTokenIssuedAt, Version, CreatedAt, UpdatedAt)
SELECT p.Id, 'B5M-' || p.Id || '-' || n.i, 'Desktop', 'BmgfVn', 2012, NULL, 'Working', NULL, NULL, 1, '2012-01-01 00:00:00', '2012-01-01 00:00:00' FROM ServicePoints p, n;
INSERT INTO EquipmentStatusChanges (ComputerId, "From", "To", ChangedAt, ChangedBy, Reason, TicketId)
SELECT Id, NULL, 'Working', '2012-01-01 00:00:00', 'bench', NULL, NULL FROM Computers WHERE AssetTag LIKE 'B5M-%';
CREATE TEMP TABLE pcs AS SELECT row_number() OVER (ORDER BY Id) - 1 AS k, Id, SiteId FROM Computers WHERE AssetTag LIKE 'B5M-%';
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM s WHERE i < 4999999)
INSERT INTO AccessSessions (ComputerId, SiteId, StartedAt, EndedAt, Minutes, LimitMinutes, Sex, AgeBand, EthnicMinority, PoorHousehold, Occupation, FirstTime, Purposes, Origin, StartedBy, EndedBy)
SELECT p.Id, p.SiteId,
  strftime('%Y-%m-%d %H:%M:%S', '2025-11-15', '+' || (s.i % 365) || ' days', '+' || (s.i * 7 % 600) || ' minutes'),
  strftime('%Y-%m-%d %H:%M:%S', '2025-11-15', '+' || (s.i % 365) || ' days', '+' || (s.i * 7 % 600 + 30) || ' minutes'),
  30, NULL,
  CASE s.i % 2 WHEN 0 THEN 'Female' ELSE 'Male' END,
  CASE s.i % 4 WHEN 0 THEN 'Child' WHEN 1 THEN 'Youth' WHEN 2 THEN 'Adult' ELSE 'Senior' END,
  s.i % 3 = 0, s.i % 5 = 0,
  CASE s.i % 6 WHEN 0 THEN 'Farmer' WHEN 1 THEN 'Pupil' WHEN 2 THEN 'Student' WHEN 3 THEN 'Worker' WHEN 4 THEN 'Retired' ELSE 'Other' END,
  s.i % 7 = 0, 1 << (s.i % 8) | 1 << ((s.i / 8) % 8), 'Desk', 'bench', 'bench'
FROM s JOIN pcs p ON p.k = s.i % (SELECT count(*) FROM pcs);
SQL
fi
sqlite3 "$dir/bookpost.db" "DELETE FROM AccessDays;" 2>/dev/null || true
echo "sessions: $(sqlite3 "$dir/bookpost.db" 'SELECT count(*) FROM AccessSessions')"
serve
trap 'kill $server 2>/dev/null || true' EXIT
token=$(curl -s -X POST http://127.0.0.1:5099/api/v1/auth/token -H 'Content-Type: application/json' \
  -d '{"username":"demo-monitor","password":"Bookpost@2026"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
codes=$(curl -s -H "Authorization: Bearer $token" http://127.0.0.1:5099/api/v1/reports/indicators | grep -o '"code":"access\.[a-z_]*"' | cut -d'"' -f4 | paste -sd,)
url="http://127.0.0.1:5099/api/v1/reports/indicator-values?period=Custom&from=2025-11-15&to=2026-11-14&level=District&codes=$codes"
curl -s -o /dev/null -H "Authorization: Bearer $token" "$url" # warm-up
for i in $(seq "$rounds"); do curl -s -o "$dir/values.json" -w "year of access indicators: %{time_total} s\n" -H "Authorization: Bearer $token" "$url"; done
grep -o '"code":"access.sessions","name":"[^"]*","unit":"[^"]*","breakdown":null,"breakdownLabel":null,"values":\[[^]]*\]' "$dir/values.json" | sed 's/.*"values":/sessions by district: /' | cut -c1-120

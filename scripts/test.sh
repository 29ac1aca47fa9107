#!/usr/bin/env bash
# The one test command: every test, on SQLite and PostgreSQL, with the browser test.
# PostgreSQL and Chromium tests are skipped with a visible line when those are not installed.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || echo "NOTE: PostgreSQL is not installed; PostgreSQL tests will be skipped (apt-get install postgresql)."
[ -x /usr/bin/chromium ] || echo "NOTE: Chromium is not installed; browser tests will be skipped (apt-get install chromium)."
# Known-vulnerable packages, direct or transitive, fail the run; the check needs the package source, and says so in one
# line when it cannot reach it.
vuln=$(mktemp)
timeout 300 dotnet list Bookpost.slnx package --vulnerable --include-transitive >"$vuln" 2>&1
vuln_status=$?
if grep -q "has the following vulnerable packages" "$vuln"; then
  cat "$vuln"
  echo "FAIL: vulnerable packages (dotnet list package --vulnerable --include-transitive)"
  rm -f "$vuln"
  exit 1
elif [ "$vuln_status" -eq 0 ] && grep -q "has no vulnerable packages" "$vuln" \
    && ! grep -qiE "NU1301|unable to load the service index|error|requires HTTPS" "$vuln"; then
  echo "Vulnerability check: no vulnerable packages."
else
  echo "NOTE: vulnerability check skipped: package source unreachable"
fi
rm -f "$vuln"
log=$(mktemp)
dotnet test Bookpost.slnx 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One plain closing line for CI: "N passed, N failed, N skipped".
passed=0; failed=0; skipped=0
while read -r line; do
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line"); k=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
done < <(grep -E "^(Passed|Failed)!" "$log")
echo "$passed passed, $failed failed, $skipped skipped"
rm -f "$log"
exit "$status"

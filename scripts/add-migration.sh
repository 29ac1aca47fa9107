#!/usr/bin/env bash
# Generates a migration for both providers from the one model: scripts/add-migration.sh NAME
# Migrations are never edited by hand; change the model and generate again.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project src/Web --startup-project src/Web \
    --context "${provider}AppDbContext" \
    --output-dir "../Migrations.${provider}" \
    --namespace "Bookpost.Migrations.${provider}"
  # dotnet ef puts the model snapshot in a folder named after its namespace inside the project;
  # keep it beside its migrations instead.
  snapshot="src/Web/Bookpost/Migrations/${provider}/${provider}AppDbContextModelSnapshot.cs"
  if [ -f "$snapshot" ]; then mv -f "$snapshot" "src/Migrations.${provider}/"; fi
done
rm -rf src/Web/Bookpost

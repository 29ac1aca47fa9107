#!/usr/bin/env bash
# Builds what is copied to a server: deploy/out/bookpost-linux-x64.tar.gz with the app (bookpost/app), this folder's
# unit, examples, command wrapper and guide (bookpost/deploy) and the operations guide (bookpost/docs/van-hanh.md).
# ReadyToRun: the app's assemblies are compiled ahead of time,
# so a start or a restart after an upgrade does not wait for the JIT (see deploy/README.md, "Bản phát hành").
# Usage: deploy/publish.sh            self-contained (no .NET on the server; what bookpost.service runs)
#        SELF_CONTAINED=false deploy/publish.sh   needs the ASP.NET Core 10 runtime on the server
# Needs the .NET 10 SDK and the NuGet packages it fetches the first time (the linux-x64 runtime packs and crossgen2).
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${RID:-linux-x64}
self=${SELF_CONTAINED:-true}
out=deploy/out/bookpost
rm -rf deploy/out
dotnet publish src/Web -c Release -r "$rid" --self-contained "$self" -p:PublishReadyToRun=true -nologo -v q -o "$out/app"
mkdir -p "$out/deploy"
cp -r deploy/README.md deploy/bookpost.service deploy/bookpost.env.example deploy/bookpost-cli.sh deploy/postgresql.conf.example deploy/nginx "$out/deploy/"
mkdir -p "$out/docs"
cp docs/van-hanh.md "$out/docs/"
git rev-parse --short HEAD >"$out/app/COMMIT" 2>/dev/null || true
tar -C deploy/out -czf "deploy/out/bookpost-$rid.tar.gz" bookpost
ls -l "deploy/out/bookpost-$rid.tar.gz"

#!/usr/bin/env bash
# Runs a Bookpost command (backup, restore, forget-signing-key, archive-partitions) with the service's settings: the
# same environment file, as the service user, from the service's working directory (deploy/README.md, "Lệnh quản trị").
# Install: install -m 0755 /opt/bookpost/deploy/bookpost-cli.sh /usr/local/sbin/bookpost-cli
# Usage (as root): bookpost-cli backup /var/backups/bookpost/truoc-nang-cap
#                  bookpost-cli restore --Database:DataDirectory=/var/lib/bookpost-moi /var/backups/bookpost/bookpost-20261207-0200
# Settings (--Section:Key=value) go before the folder. A second instance: BOOKPOST_ENV=/etc/bookpost/bookpost-2.env
# BOOKPOST_WORKDIR=/var/lib/bookpost-2 bookpost-cli …
# The file is read the way systemd's EnvironmentFile= reads it here: KEY=VALUE lines, "#" comments, no quotes. Each
# value is exported as it is, without word splitting, so a connection string with ";" and spaces stays whole.
set -euo pipefail
env_file=${BOOKPOST_ENV:-/etc/bookpost/bookpost.env}
workdir=${BOOKPOST_WORKDIR:-/var/lib/bookpost}
app=${BOOKPOST_APP:-/opt/bookpost/app/Bookpost.Web}
user=${BOOKPOST_USER:-bookpost}
[ "$(id -u)" -eq 0 ] || { echo "bookpost-cli: chạy bằng root (sudo) / run as root" >&2; exit 2; }
[ "$#" -gt 0 ] || { echo "usage: bookpost-cli backup|restore|forget-signing-key|archive-partitions …" >&2; exit 2; }
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  case "$line" in ''|'#'*|';'*) continue ;; esac
  key=${line%%=*}
  [[ "$line" == *=* && "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "bookpost-cli: $env_file: bỏ qua dòng / skipped: $key" >&2; continue; }
  export "$key=${line#*=}"
done <"$env_file"
cd "$workdir"
# setpriv (util-linux) keeps the environment and the working directory, unlike "sudo -u" or "su -".
exec setpriv --reuid="$user" --regid="$user" --init-groups -- "$app" "$@"

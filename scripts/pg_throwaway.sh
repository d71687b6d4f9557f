#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for tests: a fresh cluster in a temporary directory,
# listening only on a unix socket in that directory (no TCP port, so parallel runs cannot
# collide), fsync off (nothing in it outlives the run). Stopped and removed on exit.
#
#   pg_throwaway.sh                 prints the server's URL and serves until interrupted
#   pg_throwaway.sh -- COMMAND...   runs COMMAND with INTERDICT_TEST_PG_URL set to the URL, then
#                                   stops and removes the server; exits with COMMAND's status
#
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user (nobody when
# there is none) and the directory is handed to it. The cluster's superuser is named after the
# calling user, so the URL needs no user name.
set -euo pipefail
bin=${INTERDICT_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bin/initdb" ]; then
  echo "pg_throwaway.sh: $bin/initdb not found (apt-get install postgresql, or set INTERDICT_PG_BIN)" >&2
  exit 2
fi
if [ $# -gt 0 ] && [ "$1" != -- ]; then
  echo "usage: pg_throwaway.sh [-- COMMAND...]" >&2
  exit 2
fi
[ $# -gt 0 ] && shift

dir=$(mktemp -d "${TMPDIR:-/tmp}/interdict-pg.XXXXXX")
as_server=()
if [ "$(id -u)" = 0 ]; then
  server_user=postgres
  id -u "$server_user" >/dev/null 2>&1 || server_user=nobody
  chown "$server_user" "$dir"
  as_server=(runuser -u "$server_user" --)
fi
sleeper=
cleanup() {
  if [ -n "$sleeper" ]; then kill "$sleeper" 2>/dev/null || true; fi
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! "${as_server[@]}" "$bin/initdb" -D "$dir/data" -U "$(id -un)" --auth=trust -E UTF8 \
    --locale=C >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "pg_throwaway.sh: initdb failed" >&2
  exit 2
fi
# C collation: text sorts by bytes, as on SQLite, so ORDER BY gives the same order on both.
if ! "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null; then
  cat "$dir/server.log" >&2 || true
  echo "pg_throwaway.sh: the server did not start" >&2
  exit 2
fi
url="postgresql:///postgres?host=$dir"

if [ $# -eq 0 ]; then
  echo "$url"
  # `wait` (unlike a foreground sleep) lets the INT/TERM trap run at once.
  while true; do
    sleep 3600 &
    sleeper=$!
    wait $sleeper || true
  done
fi
status=0
INTERDICT_TEST_PG_URL=$url "$@" || status=$?
exit $status

#!/usr/bin/env bash
# Runs COMMAND... against PostgreSQL: the server in $INTERDICT_TEST_PG_URL when it is set, else a
# throwaway server started for the run (scripts/pg_throwaway.sh). For the ctest entries named
# *.pg: they fail, never pass quietly, when no server can be had. A machine without PostgreSQL
# leaves them out with `ctest -E '\.pg$'`.
set -euo pipefail
if [ -n "${INTERDICT_TEST_PG_URL:-}" ]; then exec "$@"; fi
exec bash "$(dirname "$0")/../scripts/pg_throwaway.sh" -- "$@"

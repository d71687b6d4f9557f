#!/usr/bin/env bash
# Regenerates data/token_stats.tsv (token rarity) from the bundled lists. Run after changing the
# bundled lists or the normaliser's dictionaries; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ -x "$BUILD/interdict" ] || bash scripts/build.sh "$BUILD" -DINTERDICT_TESTS=OFF >/dev/null
db=$(mktemp -d)/stats.db
"$BUILD/interdict" --db "$db" import --source us-ofac-sdn data/lists/us-ofac-sdn 2>/dev/null
"$BUILD/interdict" --db "$db" import --source us-ofac-cons data/lists/us-ofac-cons
"$BUILD/interdict" --db "$db" import --source un-sc data/lists/un-sc
"$BUILD/interdict" --db "$db" token-stats data/token_stats.tsv
rm -rf "$(dirname "$db")"

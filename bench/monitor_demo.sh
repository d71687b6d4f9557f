#!/usr/bin/env bash
# Runs the README's "Monitoring a customer book" demo on a fresh store and checks the alerts
# against data/examples/customers-expected.json after each step: the expected (customer, list
# record) pairs open, the delisted ones `delisted`, and no other alert. Exits 1 on a difference.
# usage: bench/monitor_demo.sh      (BUILD=build; KEEP=1 keeps the store)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "store kept in $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi
cli=("$BUILD/interdict" --db "$tmp/demo.db" --user demo)
check() {  # step: compares `alerts list --json` with the expectation of that step
  # alerts list shows 100 alerts unless told otherwise, also with --json
  "${cli[@]}" alerts list --json --limit 100000 >"$tmp/alerts.json"
  python3 - "$1" "$tmp/alerts.json" data/examples/customers-expected.json <<'PY'
import json, sys
step, alerts, expected = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
want = {(p["customer"], p["entity"]): "open" for p in expected[step]["open"]}
want.update({(p["customer"], p["entity"]): "delisted" for p in expected[step].get("delisted", [])})
got = {(a["customer"], a["entity"]): a["status"] for a in alerts}
bad = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
for k in bad:
    print("%s: %s %s: expected %s, got %s" % (step, k[0], k[1], want.get(k, "no alert"),
                                              got.get(k, "no alert")))
ok = sum(1 for k in want if want[k] == got.get(k))
print("%s: %d alerts, %d of %d as expected, %d differ" % (step, len(got), ok, len(want), len(bad)))
sys.exit(1 if bad else 0)
PY
}
"${cli[@]}" import --source us-ofac-sdn data/history/us-ofac-sdn-2021
"${cli[@]}" customers import data/examples/customers.csv
"${cli[@]}" monitor
check after_2021
"${cli[@]}" import --source us-ofac-sdn --allow-shrink data/lists/us-ofac-sdn
"${cli[@]}" monitor
check after_2024

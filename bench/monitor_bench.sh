#!/usr/bin/env bash
# Monitoring a large customer book (issue 13): seconds and peak RSS of each step.
#   1. bench/make_customers.py writes N customers (default 1,000,000) with PLANT (300) listed
#      parties of the bundled 2024 OFAC SDN list planted in them;
#   2. `customers import` loads the book into a store that holds that list;
#   3. the first `monitor` screens the whole book (a full rescreen);
#   4. `screen --csv` of the same book, the forward full rescreen, for comparison;
#   5. bench/make_delta.py makes the next list version (20 removed, 15 added, 15 changed: a
#      50-record delta; half of the removed and changed records are planted customers' records);
#      `import` loads it;
#   6. the second `monitor` screens only that delta; 7. a third `monitor` has nothing to do.
# Then it counts the alerts by status and checks the planted parties against the manifests.
# usage: bench/monitor_bench.sh [N]      (BUILD=build, PLANT=300, SEED=13, KEEP=1 keeps the files)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${1:-1000000}
PLANT=${PLANT:-300}
SEED=${SEED:-13}
[ -x "$BUILD/interdict" ] || { echo "build $BUILD/interdict first" >&2; exit 1; }
tmp=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "files kept in $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi
db="$tmp/bench.db"
cli=("$BUILD/interdict" --db "$db" --user bench)

printf '%-50s %9s %12s\n' "step ($N customers)" "seconds" "peak RSS MB"
step() {  # label command...: runs it under /usr/bin/time -v, prints its line, stops on failure
  local label=$1; shift
  if ! /usr/bin/time -v -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"; then
    echo "$label failed:" >&2; tail -20 "$tmp/err" >&2; exit 1
  fi
  awk -v label="$label" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%-50s %9.2f %12.1f\n", label, s, rss }' "$tmp/time"
}

step "generate the book (make_customers.py)" python3 bench/make_customers.py --count "$N" \
  --seed "$SEED" --plant "$PLANT" --lists data/lists/us-ofac-sdn --out "$tmp/book.csv" \
  --manifest "$tmp/planted.jsonl"
step "import list us-ofac-sdn (2024, 14,965)" "${cli[@]}" import --source us-ofac-sdn data/lists/us-ofac-sdn
step "customers import" "${cli[@]}" customers import "$tmp/book.csv"
step "monitor: first run (whole book)" "${cli[@]}" monitor
cp "$tmp/out" "$tmp/monitor-full.txt"
# alerts list shows 100 alerts unless told otherwise, also with --json
"${cli[@]}" alerts list --json --limit 100000000 >"$tmp/alerts-full.json"
step "screen --csv of the book (forward, reference)" "${cli[@]}" screen --csv "$tmp/book.csv"
cp "$tmp/out" "$tmp/screen.csv"
step "make_delta.py (20 removed, 15 added, 15 changed)" python3 bench/make_delta.py \
  --in data/lists/us-ofac-sdn --out "$tmp/next" --seed "$SEED" --prefer "$tmp/planted.jsonl" \
  --manifest "$tmp/delta.jsonl"
step "import the next version (50-record delta)" "${cli[@]}" import --source us-ofac-sdn "$tmp/next"
step "monitor: delta run" "${cli[@]}" monitor
cp "$tmp/out" "$tmp/monitor-delta.txt"
step "monitor: nothing changed" "${cli[@]}" monitor
step "alerts list --json" "${cli[@]}" alerts list --json --limit 100000000
cp "$tmp/out" "$tmp/alerts.json"

python3 - "$tmp" <<'PY'
import collections, csv, json, sys
tmp = sys.argv[1]
alerts = json.load(open(tmp + "/alerts.json"))
by_status = collections.Counter(a["status"] for a in alerts)
print("alerts: %d (%s)" % (len(alerts), ", ".join("%s %d" % kv for kv in sorted(by_status.items()))))
status = {(a["customer"], a["entity"]): a["status"] for a in alerts}
planted = [json.loads(line) for line in open(tmp + "/planted.jsonl")]
delta = {d["entity"]: d["change"] for d in map(json.loads, open(tmp + "/delta.jsonl"))}
found = collections.Counter()
for p in planted:
    got = status.get((p["customer"], p["entity"]), "none")
    want = "delisted" if delta.get(p["entity"]) == "removed" else "raised"
    found[(p["variant"], want, got if got in ("none", "delisted") else "raised")] += 1
print("planted pairs (variant, expected, got):")
for key, n in sorted(found.items()):
    print("  %-10s %-9s %-9s %d" % (key + (n,)))
forward = {(r["id"], r["record_id"]) for r in csv.DictReader(open(tmp + "/screen.csv"))
           if r["result"] == "match"}
first = {(a["customer"], a["entity"]) for a in json.load(open(tmp + "/alerts-full.json"))}
print("first run: %d alert pairs; screen --csv: %d match pairs; in both %d, only alerts %d "
      "(customer aliases, which screen --csv does not read, and its limit of 10 matches a row), "
      "only screen %d"
      % (len(first), len(forward), len(first & forward), len(first - forward),
         len(forward - first)))
PY

#!/usr/bin/env bash
# interdict alerts / users / rules / settings, end to end on a store whose alerts are seeded with
# sqlite3 (as monitoring would raise them): listing and filtering, --json, show with history,
# and the case work with its refusals.
source "$(dirname "$0")/lib.sh"

# An empty store lists no alerts.
run alerts list
expect_rc 0 "alerts list on a new store"
expect_out "no alerts" "alerts list on a new store"

# seed_alert ID CUSTOMER ENTITY SCORE: an open alert with its "raised" event.
seed_alert() {
  sqlite3 "$INTERDICT_DB" "INSERT INTO alert(id, customer_id, entity_id, source, list_version,
      score, explanation, customer_fp, entity_fp, status, created_at, updated_at)
    VALUES ($1, '$2', '$3', 'us-ofac-sdn', 1, $4, '{\"name\": \"x\"}', 'cfp', 'efp', 'open',
      '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO alert_event(alert_id, at, who, kind, to_status, list_version, score)
    VALUES ($1, '2026-01-01T00:00:00Z', 'system:monitor', 'raised', 'open', 1, $4);"
}
seed_alert 1 C-1 us-ofac-sdn:36 0.91
seed_alert 2 C-2 us-ofac-sdn:2676 0.84
seed_alert 3 C-3 us-ofac-sdn:4107 0.97

run alerts list
expect_rc 0 "alerts list"
expect_out "^1 +open +0.910 +C-1 +us-ofac-sdn:36" "alerts list shows alert 1"
run alerts list --json --min-score 0.9
expect_rc 0 "alerts list --json"
if python3 -c '
import json, sys
alerts = json.loads(sys.stdin.read())
assert [a["id"] for a in alerts] == [1, 3], alerts
a = alerts[0]
assert (a["customer"], a["entity"], a["score"], a["status"], a["list_version"]) == \
    ("C-1", "us-ofac-sdn:36", 0.91, "open", 1), a
' <<<"$OUT"; then ok; else fail "alerts list --json fields"; fi
run alerts list --status open --customer C-2 --json
expect_out '"entity": "us-ofac-sdn:2676"' "alerts list --customer"
expect_no_out '"C-1"' "alerts list --customer filters"
run alerts list --status closed
expect_rc 2 "an unknown status is a usage error"
expect_err "unknown --status 'closed'" "the unknown status is named"

run alerts show 1
expect_rc 0 "alerts show"
expect_out "raised +system:monitor" "alerts show has the history"
run alerts show 1 --json
expect_out '"history"' "alerts show --json has the history"
run alerts show 99
expect_rc 1 "alerts show of an unknown alert"
expect_err "no alert 99" "alerts show names the missing alert"

finish

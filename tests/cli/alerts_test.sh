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

# Users: the bootstrap admin needs no --user; after that only an admin adds users.
run users add ann --role analyst
expect_rc 1 "the first user must be an admin"
expect_err "first user must be an admin" "the bootstrap rule is explained"
run users add ada --role admin
expect_rc 0 "bootstrap admin"
run users add sue --role supervisor
expect_rc 1 "a second user without --user"
expect_err "no acting user" "the missing --user is named"
run --user ada users add sue --role supervisor
expect_rc 0 "ada adds sue"
run --user ada users add sam --role supervisor
run --user ada users add ann --role analyst
run --user ann users add eve --role admin
expect_rc 1 "an analyst adds no user"
expect_err "only an admin" "the refusal says who may"
run users list --json
if python3 -c '
import json, sys
users = {u["name"]: u["role"] for u in json.loads(sys.stdin.read())}
assert users == {"ada": "admin", "sue": "supervisor", "sam": "supervisor", "ann": "analyst"}, users
' <<<"$OUT"; then ok; else fail "users list --json"; fi

# Case work needs a known, enabled user.
run alerts move 1 --to in_review
expect_rc 1 "a move without --user"
expect_err "no acting user" "a move without --user says so"
run --user mallory alerts move 1 --to in_review
expect_rc 1 "a move by an unknown user"
expect_err "unknown user 'mallory'" "the unknown user is named"

# Moves, assignment, a stale revision.
run --user ann alerts move 1 --to in_review
expect_rc 0 "ann reviews alert 1"
expect_out "alert 1: in_review \\(rev 2\\)" "the move prints the new state"
run --user ann alerts assign 1 ann --rev 2
expect_rc 0 "ann takes alert 1"
run --user sue alerts decide 1 --decision confirmed --reason "same DOB" --rev 2
expect_rc 1 "a decision at a stale revision"
expect_err "rev 3, not 2" "the conflict names the revisions"
run alerts list --assignee ann --json
expect_out '"status": "in_review"' "the stale decision changed nothing"

run --user ann alerts assign 2 nobody
expect_rc 1 "assigning to an unknown user"
expect_err "cannot assign it: unknown user 'nobody'" "the bad assignee is named"

# Escalated alerts are for supervisors.
run --user ann alerts move 2 --to escalated --reason "odd"
expect_rc 0 "ann escalates alert 2"
run --user ann alerts decide 2 --decision confirmed --reason "x"
expect_rc 1 "an analyst cannot decide an escalated alert"
expect_err "supervisor or admin" "the refusal says who may"
run --user sue alerts decide 2 --decision confirmed --reason "passport matches"
expect_rc 0 "sue confirms alert 2"
run --user ann alerts decide 1 --decision bogus --reason x
expect_rc 2 "an unknown decision is a usage error"

# Four-eyes: ann's false positive waits; ann cannot approve it, sam can.
run --user ann alerts decide 1 3 --decision false_positive --reason "other DOB"
expect_rc 0 "ann calls alerts 1 and 3 false positives"
expect_out "alert 3: in_review .*awaits a second approval" "the decision is pending"
run --user ann alerts approve 1 --reason ok
expect_rc 1 "an analyst does not approve"
run --user sue alerts reject 3 --reason "look at the address"
expect_rc 0 "sue rejects the decision on alert 3"
expect_out "alert 3: open" "a rejected decision puts the alert back"
run --user sam alerts approve 1 --reason "agree"
expect_rc 0 "sam approves alert 1"
expect_out "alert 1: false_positive" "the approval closes alert 1"
run alerts show 1 --json
if python3 -c '
import json, sys
a = json.loads(sys.stdin.read())
kinds = [(e["kind"], e["who"]) for e in a["history"]]
assert kinds == [("raised", "system:monitor"), ("moved", "ann"), ("assigned", "ann"),
                 ("pending", "ann"), ("approved", "sam")], kinds
assert a["history"][3]["reason"] == "other DOB", a["history"][3]
assert a["pending"] is None and a["status"] == "false_positive", a
' <<<"$OUT"; then ok; else fail "alerts show --json history of alert 1"; fi

# Settings: an admin turns four-eyes off, and a false positive closes at once.
run --user sue settings set four_eyes off
expect_rc 1 "a supervisor does not change settings"
run --user ada settings set four_eyes maybe
expect_rc 1 "a bad value"
expect_err "'on' or 'off'" "the bad value is explained"
run --user ada settings set four_eyes off
expect_rc 0 "ada turns four-eyes off"
run --user ann alerts decide 3 --decision false_positive --reason "other DOB"
expect_rc 0 "ann decides alert 3"
expect_out "alert 3: false_positive" "without four-eyes it closes at once"

# A disabled user can do nothing more.
run --user ada users disable ann
expect_rc 0 "ada disables ann"
run --user ann alerts move 1 --to open --reason x
expect_rc 1 "a disabled user cannot act"
expect_err "disabled" "the refusal says why"

# Good-guy rules: a supervisor's act; from an open alert it closes the alert.
seed_alert 4 C-4 us-ofac-sdn:6366 0.88
run --user ann rules create --from-alert 4 --reason "other DOB"
expect_rc 1 "a disabled analyst makes no rule"
run --user sue rules create --from-alert 4 --reason "other DOB" --expires tomorrow
expect_rc 1 "a bad expiry"
expect_err "not a date" "the bad expiry is explained"
run --user sue rules create --from-alert 4 --customer C-4 --reason x
expect_rc 2 "--from-alert with --customer is a usage error"
run --user sue rules create --from-alert 4 --reason "other DOB" --expires 2999-01-01
expect_rc 0 "sue makes a rule from alert 4"
expect_out "rule 1: customer C-4 is not us-ofac-sdn:6366, until 2999-01-01" "the rule is described"
run alerts show 4 --json
expect_out '"status": "false_positive"' "the rule closed alert 4"
run rules list --json
if python3 -c '
import json, sys
rules = json.loads(sys.stdin.read())
assert len(rules) == 1, rules
r = rules[0]
assert r["based_on"]["record"] == {"id": "us-ofac-sdn:6366", "source": "us-ofac-sdn",
                                   "version": 1, "fingerprint": "efp"}, r
assert r["based_on"]["customer"]["fingerprint"] == "cfp", r
assert r["created_by"] == "sue" and r["reason"] == "other DOB", r
' <<<"$OUT"; then ok; else fail "rules list --json"; fi
run --user sue rules revoke 1 --reason "new adverse media"
expect_rc 0 "sue revokes rule 1"
run rules list
expect_out "no rules in force" "a revoked rule is not in force"
run rules list --all
expect_out "revoked .* by sue" "rules list --all shows the revoked rule"
run alerts show 4 --json
expect_out '"status": "open"' "revoking the rule reopened alert 4"

# --json lists every alert unless --limit says otherwise (a script must not get a silently cut
# list); the table stops at 100 and says so.
for i in $(seq 101 230); do seed_alert "$i" "C-$i" "us-ofac-sdn:$i" 0.85; done
TOTAL=$(sqlite3 "$INTERDICT_DB" "SELECT count(*) FROM alert")
run alerts list --json
if [ "$(python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' <<<"$OUT")" = "$TOTAL" ]
then ok; else fail "alerts list --json lists all $TOTAL alerts"; fi
run alerts list --json --limit 5
if [ "$(python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' <<<"$OUT")" = 5 ]
then ok; else fail "alerts list --json --limit 5"; fi
run alerts list
expect_out "first 100 shown; raise --limit for more" "alerts list (table) says it stops at 100"

# Every change left an audit event, chained.
AUDIT=$(sqlite3 "$INTERDICT_DB" "SELECT kind FROM audit_event ORDER BY seq" | sort | uniq -c | tr -s ' ')
if grep -q "2 alert.approval" <<<"$AUDIT" && grep -q "4 alert.decision" <<<"$AUDIT" &&
    grep -q "4 user.add" <<<"$AUDIT" && grep -q "1 setting.set" <<<"$AUDIT" &&
    grep -q "1 rule.create" <<<"$AUDIT" && grep -q "1 rule.revoke" <<<"$AUDIT"; then ok; else
  OUT=$AUDIT; fail "audit events of the case work"; fi

finish

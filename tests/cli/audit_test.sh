#!/usr/bin/env bash
# interdict audit verify / export / show / prune, end to end, and a tampered store caught.
source "$(dirname "$0")/lib.sh"

run audit verify
expect_rc 1 "verify of a store that does not exist"
[ ! -e "$INTERDICT_DB" ] && ok || fail "verify created a store"

export INTERDICT_USER=alice
run_import_sdn_subset
expect_rc 0 "import"
run audit verify
expect_rc 0 "verify after an import"
expect_out "^1 events, chain intact, head [0-9a-f]{64}$" "verify summary"

run audit export
expect_rc 0 "export jsonl"
expect_out '"kind":"list.import"' "the import is in the chain"
expect_out '"who":"alice"' "with who imported it"
expect_out '"list_versions":\[\{"source":"us-ofac-sdn","version":1\}\]' "and the version"

run audit export --format csv --kind list
expect_rc 0 "export csv"
expect_out "^seq,at,who,kind,subject,detail,list_versions,settings,engine_version,prev_hash,hash$" \
  "csv header"
expect_out "^1,.*,alice,list.import,us-ofac-sdn," "csv row"
run audit export --format csv --kind alert
expect_rc 0 "export of a kind with no events"
[ "$(wc -l <<<"$OUT")" = 1 ] && ok || fail "only the header expected"
run audit export --format xml
expect_rc 2 "unknown format"

run audit show 1
expect_rc 0 "show"
expect_out '"kind": "list.import"' "show prints the event"
run audit show 2
expect_rc 1 "show of a missing event"

run audit prune --before 2999-01-01
expect_rc 1 "prune inside the retention period"
expect_err "retention period" "prune says why"
run audit prune --before 2001-01-01 --user ""
expect_rc 2 "prune without a user"

# Someone edits the log behind Interdict's back: verify names the event.
sqlite3 "$INTERDICT_DB" "DROP TRIGGER audit_event_no_update;
  UPDATE audit_event SET who = 'mallory' WHERE seq = 1;"
run audit verify
expect_rc 1 "verify of a tampered chain"
expect_err "audit chain broken at event 1: hash mismatch" "names the first bad event"

finish

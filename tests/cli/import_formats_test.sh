#!/usr/bin/env bash
# interdict import of the CSL, DPL, EU FSF and UK formats end to end, the store left unchanged by a
# malformed file, and the progress line: shown on a terminal, absent otherwise.
source "$(dirname "$0")/lib.sh"
FIX="$SRC/tests/fixtures"

run import --source us-csl "$FIX/us-csl-2022-05/consolidated.excerpt-first-1000.csv"
expect_rc 0 "import of the CSL excerpt"
expect_out "us-csl: version 1, 1000 records" "CSL record count"
run show us-csl:SDN-9935
expect_rc 0 "show a CSL record"
expect_out "ABD AL-RAZZIQ" "the CSL record's name"

run import --source us-bis-dpl "$FIX/us-bis-dpl-2022-09"
expect_rc 0 "import of dpl.txt from its folder"
expect_out "us-bis-dpl: version 2, 579 records" "DPL record count"
expect_err "dpl.txt:144: the name, address and date of line 143 again" "the repeated row is reported"

run import --source eu-fsf "$FIX/eu-fsf-1.1-2018-two-records/two-records.xml"
expect_rc 0 "import of the EU sample"
expect_out "eu-fsf: version 3, 2 records \(organization 1, person 1\); published 2018-12-21" \
  "EU count, kinds and date"
run show eu-fsf:207 --json
expect_out "Фронт на великите ислямски източни воини" "the Bulgarian name is stored"

run import --source uk-sanctions "$FIX/uk-sanctions-written-from-schema/designations.xml"
expect_rc 0 "import of the UK fixture"
expect_out "uk-sanctions: version 4, 3 records" "UK count"
expect_err "unknown element <FutureElement>" "an unknown element is reported"

# A cut EU file fails, names file and line, and adds no version.
head -c 3000 "$FIX/eu-fsf-1.1-2018-two-records/two-records.xml" >"$TMP/cut.xml"
run import --source eu-fsf "$TMP/cut.xml"
expect_rc 1 "a cut EU file fails"
expect_err "cut.xml:[0-9]+: truncated file" "the error says where and what"
run lists
expect_no_out "^5 " "no version was added by the failed import"

# update fetches the new sources too; the EU download is saved as "content" (its URL ends in
# .../content?token=...), which the importer takes as the folder's only file.
WWW="$TMP/www"
mkdir -p "$WWW/eu" "$WWW/dpl"
cp "$FIX/eu-fsf-1.1-2018-two-records/two-records.xml" "$WWW/eu/content"
cp "$FIX/us-bis-dpl-2022-09/dpl.txt" "$WWW/dpl/"
python3 "$SRC/tests/update/list_server.py" "$WWW" "$TMP/port" "$TMP/requests.log" 60 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
BASE="http://127.0.0.1:$(cat "$TMP/port")"
export INTERDICT_DB="$TMP/update.db"
run update --source eu-fsf --url "$BASE/ok/eu/content"
expect_rc 0 "update of eu-fsf from an extensionless download"
expect_out "eu-fsf: updated, version 1, 2 records" "the EU file is imported"
run update --source us-bis-dpl --url "$BASE/ok/dpl/dpl.txt"
expect_rc 0 "update of us-bis-dpl"
expect_out "us-bis-dpl: updated, version 2, 579 records" "the DPL file is imported"
kill $SERVER 2>/dev/null || true

# Progress: stderr is not a terminal here, so there is none.
export INTERDICT_DB="$TMP/progress.db"
run import --source us-csl "$FIX/us-csl-2022-05/consolidated.excerpt-first-1000.csv"
if grep -q "records/s" <<<"$ERR"; then fail "progress printed to a non-terminal"; else ok; fi
# On a terminal (script(1) gives the command one) it shows records, bytes and the rate.
if command -v script >/dev/null; then
  rm -f "$INTERDICT_DB"
  script -qec "'$BIN' import --source us-bis-dpl '$FIX/us-bis-dpl-2022-09/dpl.txt' 2>&1 >/dev/null" \
    "$TMP/typescript" >/dev/null </dev/null || true
  OUT=$(cat "$TMP/typescript")
  ERR=""
  expect_out "us-bis-dpl: 579 records, [0-9]+ records/s, 0\.1 of 0\.1 MiB" "progress on a terminal"
else
  echo "script(1) not installed: terminal progress not checked"
fi

finish

#!/usr/bin/env bash
# interdict scan, end to end: documents, payment messages, JSON and JSON lines, errors.
source "$(dirname "$0")/lib.sh"
FIX="$SRC/tests/fixtures/scan"
ARTICLE="$FIX/news-2022-us-iran-russia-sanctions.txt"

# Without lists there is nothing to screen against: an error, not "no hit".
run scan "$ARTICLE"
expect_rc 1 "scan without a store"
expect_err "no list store" "says why"

for s in us-ofac-sdn us-ofac-cons un-sc; do
  run import --source "$s" "$SRC/data/lists/$s"
  expect_rc 0 "import of the bundled $s list"
done

# The example article: EVIN PRISON, the Morality Police, Iran/Tehran and Crimea, nothing else.
run scan "$ARTICLE"
expect_rc 0 "scan of the article"
expect_out "3 listed-party hits \(2 records\), 22 jurisdiction hits \(Crimea \(incl. Sevastopol\), Iran\)" "summary"
expect_out "\[\[Evin Prison\]\]\([0-9]+\) in \[\[Tehran\]\]" "the text with hits marked"
expect_out "us-ofac-sdn:24586 +1.00 +Evin Prison -> EVIN PRISON" "EVIN PRISON in the table"
expect_out "us-ofac-sdn:39258 +0.87 +Morality Police -> IRAN'S MORALITY POLICE" "the Morality Police"
expect_out "UA-43 +1.00 +Crimea -> Crimea" "Crimea"
expect_out "note: the name's country word \(Iran\) is left out" "the policy note"
expect_no_out "us-ofac-sdn:39664" "not the warden whose remarks mention Evin Prison"

run scan --json "$ARTICLE"
expect_rc 0 "scan --json"
entities=$(grep -o '"entity": "[^"]*"' <<<"$OUT" | sort -u | tr '\n' ' ')
if [ "$entities" = '"entity": "us-ofac-sdn:24586" "entity": "us-ofac-sdn:39258" ' ]; then ok; else fail "JSON parties: $entities"; fi
places=$(grep -o '"jurisdiction": "[^"]*"' <<<"$OUT" | sort -u | tr '\n' ' ')
if [ "$places" = '"jurisdiction": "IR" "jurisdiction": "UA-43" ' ]; then ok; else fail "JSON places: $places"; fi
expect_out '"char_begin": 2[0-9][0-9][0-9]' "character offsets"
expect_out '"matched_name": "EVIN PRISON"' "the explanation"
expect_out '"source": "un-sc"' "list versions"

# Standard input, and several files.
run scan - <"$ARTICLE"
expect_rc 0 "scan of stdin"
expect_out "== \(stdin\): 3103 bytes" "stdin named"
printf 'The Alpha team met Al and Stephen at the Golden Star bar.\n' >"$TMP/everyday.txt"
run scan "$TMP/everyday.txt" "$ARTICLE"
expect_rc 0 "two files"
expect_out "everyday.txt: [0-9]+ bytes: no hit" "everyday words stay clean"
expect_out "news-2022.*3 listed-party hits" "second file scanned"

# Sectoral programmes only on request.
printf 'Goods were sent to Moscow.\n' >"$TMP/moscow.txt"
run scan "$TMP/moscow.txt"
expect_out "no hit" "Russia is sectoral: not reported by default"
run scan --sectoral "$TMP/moscow.txt"
expect_out "RU +1.00 +Moscow" "reported with --sectoral"

# Payment messages.
run scan --format mt "$FIX/mt103-hits.fin"
expect_rc 0 "MT103"
expect_out "57A +13 +identifier +us-ofac-sdn:13135 +1.00 +SABCIRTH" "a listed BIC"
expect_out "59 +15 +party +us-ofac-sdn:24586" "the beneficiary"
expect_out "70 +18 +jurisdiction +IR .*BANDAR ABBAS" "free text field 70"
expect_out "59 +14 +jurisdiction +IR +1.00 +IR -> Iran \(IBAN country\)" "an Iranian IBAN (account line)"
run scan --format mt "$FIX/payments/mt103-04-header-sender-listed.fin"
expect_out "block 1 sender +1 +identifier +us-ofac-sdn:25019 +1.00 +BKMTIRTHXXX" "a header BIC"
expect_out "block 1 sender +1 +jurisdiction +IR +1.00 +IR -> Iran \(BIC country\)" "its country"
run scan --format mt "$FIX/mt202cov.fin" --json
expect_rc 0 "MT202COV"
expect_out '"field": "B/59"' "sequence B field named"
expect_out '"type": "MT202COV"' "message type"
run scan --format iso20022 "$FIX/pacs008-hits.xml"
expect_rc 0 "pacs.008"
expect_out "CdtTrfTxInf\[1\]/Cdtr/Nm +[0-9]+ +party +us-ofac-sdn:12927" "the creditor"
expect_out "CdtTrfTxInf\[1\]/RmtInf/Ustrd\[2\] +[0-9]+ +jurisdiction +IR" "remittance text in Cyrillic"
run scan --format iso20022 "$FIX/pacs008-clean.xml"
expect_out "PACS8-20240505-0002 \(line 3\): no hit" "a clean message"

# Malformed messages: an error naming line and field, exit 1, never a silent clean.
run scan --format mt "$FIX/mt103-bad-bic.fin"
expect_rc 1 "bad BIC"
expect_err "mt103-bad-bic.fin: line 10: MT103 field 57A: 'INGB-NL2A' is not a BIC" "names the field"
run scan --format mt "$FIX/mt103-no-block4.fin"
expect_rc 1 "no block 4"
expect_err "no block 4" "says so"
run scan --format iso20022 "$FIX/pacs008-no-cdtr.xml"
expect_rc 1 "missing Cdtr"
expect_err "line 12: CdtTrfTxInf\[1\]: Cdtr is missing" "names the element"
run scan --format iso20022 "$FIX/pacs008-not-well-formed.xml"
expect_rc 1 "bad XML"
expect_err "line 37: not well-formed XML" "names the line"
run scan --format mt "$ARTICLE"
expect_rc 1 "an article is no MT message"

# Text that is not UTF-8.
printf 'Evin Prison in Teh\xe9ran\n' >"$TMP/latin1.txt"
run scan "$TMP/latin1.txt"
expect_rc 1 "Latin-1 text"
expect_err "not valid UTF-8 at byte offset 18" "names the offset"

# JSON lines: same order, one line each, bad lines answered with an error.
{
  printf '{"id": 1, "text": "Fire at Evin Prison in Tehran."}\n'
  printf 'not json\n'
  printf '{"id": "b", "text": "Nothing to see here."}\n'
  printf '{"id": 3}\n'
  printf '{"id": 4, "text": "Bad \\u00e9 ok: Pyongyang"}\n'
  for i in $(seq 5 40); do printf '{"id": %d, "text": "Mahan Air flight %d to Damascus."}\n' "$i" "$i"; done
} >"$TMP/in.jsonl"
set +e
"$BIN" scan --jsonl --threads 2 <"$TMP/in.jsonl" >"$TMP/out.jsonl" 2>"$TMP/err"
RC=$?
set -e
OUT=$(cat "$TMP/out.jsonl")
ERR=$(cat "$TMP/err")
expect_rc 0 "scan --jsonl"
if [ "$(wc -l <"$TMP/out.jsonl")" = 41 ]; then ok; else fail "41 lines in, $(wc -l <"$TMP/out.jsonl") out"; fi
if [ "$(grep -o '"id":[^,}]*' "$TMP/out.jsonl" | head -5 | tr '\n' ' ')" = '"id":1 "id":null "id":"b" "id":3 "id":4 ' ]; then ok; else fail "order of the first ids"; fi
if [ "$(grep -o '"id":[0-9]*' "$TMP/out.jsonl" | tail -1)" = '"id":40' ]; then ok; else fail "last id"; fi
expect_out '^\{"hits":\[\{.*"entity":"us-ofac-sdn:24586".*"id":1\}$' "hits of line 1"
expect_out '^\{"error":"not a JSON object","id":null\}$' "a bad line gets an error line"
expect_out '^\{"hits":\[\],"id":"b"\}$' "a clean line"
expect_out '^\{"error":"\\"text\\" \(a string\) is missing","id":3\}$' "a line without text"
expect_out '"id":40' "the last line"
message=$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\r/\\r/g' "$FIX/mt103-hits.fin" | awk '{printf "%s\\n", $0}')
run scan --jsonl --format mt <<<"{\"id\": \"m1\", \"text\": \"$message\"}"
expect_rc 0 "--jsonl --format mt"
expect_out '"id":"m1","messages":\[\{"hits":\[' "messages in JSON lines"
expect_out '"field":"57A"' "fields in JSON lines"

# Usage errors.
run scan
expect_rc 2 "no file"
run scan --format pdf "$ARTICLE"
expect_rc 2 "unknown format"
expect_err "--format is text, mt or iso20022" "says which"
run scan --jsonl "$ARTICLE"
expect_rc 2 "--jsonl with a file"
run scan --threshold 1.5 "$ARTICLE"
expect_rc 2 "threshold out of range"
run scan "$TMP/does-not-exist.txt"
expect_rc 1 "missing file"
expect_err "does-not-exist.txt: cannot open" "names the file"

finish

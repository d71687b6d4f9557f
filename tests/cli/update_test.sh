#!/usr/bin/env bash
# interdict update, end to end against a local HTTP server (tests/update/list_server.py) that
# serves the real fixtures, then broken variants of them. After each failure the store and the
# version in service must be exactly as before.
source "$(dirname "$0")/lib.sh"
SDN2021="$SRC/tests/fixtures/ofac-sdn-2021"
WWW="$TMP/www"
LOG="$TMP/requests.log"
mkdir -p "$WWW/sdn" "$WWW/trunc" "$WWW/small" "$WWW/un"
cp "$SDN2021"/*.csv "$WWW/sdn/"
cp "$SDN2021"/*.csv "$WWW/trunc/"
cp "$SDN2021"/*.csv "$WWW/small/"
cp "$SRC/data/lists/un-sc/un-sc-2026-02.xml" "$WWW/un/"
# A download cut mid-line: a valid-looking prefix without OFAC's end-of-file byte.
head -c 1000000 "$SDN2021/sdn.csv" >"$WWW/trunc/sdn.csv"
# A complete-looking file with 90% of the records gone (the end-of-file byte kept).
python3 -c '
import sys
rows = open(sys.argv[1], "rb").read().split(b"\r\n")
open(sys.argv[2], "wb").write(b"\r\n".join(rows[:len(rows) // 10]) + b"\r\n\x1a")
' "$SDN2021/sdn.csv" "$WWW/small/sdn.csv"

python3 "$SRC/tests/update/list_server.py" "$WWW" "$TMP/port" "$LOG" 120 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
BASE="http://127.0.0.1:$(cat "$TMP/port")"
sdn_urls() {  # sdn_urls MODE DIR: the four --url flags of an OFAC SDN set
  for f in sdn.csv alt.csv add.csv sdn_comments.csv; do echo "--url $BASE/$1/$2/$f"; done
}
versions() { "$BIN" lists | grep -cE '^ *[0-9]+ ' || true; }

# shellcheck disable=SC2046
run update --source us-ofac-sdn $(sdn_urls ok sdn)
expect_rc 0 "update from the local server"
expect_out "us-ofac-sdn: updated, version 1, 8976 records" "the fetched list is imported"

# shellcheck disable=SC2046
run update --source us-ofac-sdn $(sdn_urls ok sdn)
expect_rc 0 "second update of the same list"
expect_out "us-ofac-sdn: unchanged, still version 1" "an unchanged list makes no version"
if grep -q "ok sdn/sdn.csv 304" "$LOG"; then ok; else fail "no conditional request: $(cat "$LOG")"; fi
[ "$(versions)" = 1 ] && ok || fail "one version expected, lists: $("$BIN" lists)"

# shellcheck disable=SC2046
run update --source us-ofac-sdn $(sdn_urls ok trunc)
expect_rc 1 "a truncated file is refused"
expect_out "us-ofac-sdn: failed: .*store unchanged" "the failure says the store is unchanged"
expect_out "in service: version 1 \(8976 records, [0-9]+s old\)" "reports the version in service"
[ "$(versions)" = 1 ] && ok || fail "a truncated fetch made a version"

# shellcheck disable=SC2046
run update --source us-ofac-sdn $(sdn_urls html sdn)
expect_rc 1 "an HTML page is refused"
expect_out "served an HTML page \(Content-Type text/html" "says it was HTML"

start=$(date +%s)
run update --source us-ofac-sdn --url "$BASE/hang/sdn/sdn.csv" --timeout 2 --retries 1 --backoff 0.1
took=$(($(date +%s) - start))
expect_rc 1 "a server that never answers"
expect_out "after 2 attempts: .*(timed out|Timeout)" "a timeout, retried once"
[ "$took" -lt 20 ] && ok || fail "the timeout took ${took}s"

run update --source us-ofac-sdn --url "$BASE/gone/sdn/sdn.csv" --backoff 0.1
expect_rc 1 "a missing file"
expect_out "HTTP 404" "says 404"
[ "$(grep -c 'gone sdn/sdn.csv' "$LOG")" = 1 ] && ok || fail "a 404 was retried"

run update --source us-ofac-sdn --url "$BASE/short/sdn/sdn.csv" --retries 0
expect_rc 1 "a transfer cut short"
expect_out "us-ofac-sdn: failed" "the cut transfer fails"

# shellcheck disable=SC2046
run update --source us-ofac-sdn $(sdn_urls ok small)
expect_rc 1 "a list that lost 90% of its records is held"
expect_out "us-ofac-sdn: failed: .*8079 fewer \(90\.0%\)" "says how much it lost"
expect_out "in service: version 1 " "version 1 stays in service"
[ "$(versions)" = 1 ] && ok || fail "the held list was applied"

# shellcheck disable=SC2046
run update --source us-ofac-sdn $(sdn_urls ok small) --force
expect_rc 0 "--force applies the held list"
expect_out "us-ofac-sdn: updated, version 2, 89[0-9] records" "the small list is version 2"

run update --source un-sc --url "$BASE/flaky/un/un-sc-2026-02.xml" --backoff 0.1
expect_rc 0 "a 503 then a 200"
expect_out "un-sc: updated, version 3, 1003 records" "retried and applied"
[ "$(grep -c 'flaky un/un-sc-2026-02.xml' "$LOG")" = 2 ] && ok || fail "expected one retry"

# The configured sources: one failing source does not stop the others, and fails the run.
cat >"$TMP/sources.conf" <<CONF
# test sources
un-sc        $BASE/html/un/un-sc-2026-02.xml
us-ofac-sdn  $BASE/ok/sdn/sdn.csv
us-ofac-sdn  $BASE/ok/sdn/alt.csv
us-ofac-sdn  $BASE/ok/sdn/add.csv
us-ofac-sdn  $BASE/ok/sdn/sdn_comments.csv
CONF
run update --config "$TMP/sources.conf"
expect_rc 1 "a configured source failed"
expect_out "un-sc: failed: .*HTML.*in service: version 3 \(1003 records" "the failed source, its age"
expect_out "us-ofac-sdn: updated, version 4, 8976 records" "the next source still updated"
expect_err "1 of 2 sources failed" "the summary"

run update --config "$TMP/sources.conf" --source us-ofac-sdn
expect_rc 0 "one configured source"
expect_out "us-ofac-sdn: unchanged, still version 4" "unchanged"

sed -i '/^un-sc/d' "$TMP/sources.conf"
set +e
timeout 5 "$BIN" update --config "$TMP/sources.conf" --watch --interval 1s >"$TMP/watch" 2>&1
set -e
rounds=$(grep -c "us-ofac-sdn: unchanged" "$TMP/watch" || true)
[ "$rounds" -ge 2 ] && ok || fail "--watch ran $rounds rounds: $(cat "$TMP/watch")"

printf 'un-sc %s\n' "$BASE/html/un/un-sc-2026-02.xml" >>"$TMP/sources.conf"
run update --config "$TMP/sources.conf" --status --stale-after 1h
expect_rc 0 "--status, every source fresh"
expect_out "^us-ofac-sdn: in service: version 4 \(8976 records, [0-9]+s old\); last fetched [0-9]+s ago$" "SDN status"
expect_out "^un-sc: in service: version 3 .*; last fetched [0-9]+(s|m [0-9]+s) ago; last attempt [0-9]+s ago failed: .*HTML" "UN status names the last error"
sleep 2
run update --config "$TMP/sources.conf" --status --stale-after 1s
expect_rc 1 "--status with sources older than --stale-after"
expect_out "un-sc: .*; STALE" "a stale source"
expect_err "2 of 2 sources not confirmed within 1s" "the summary"

echo "us-ofac-sdn" >"$TMP/bad.conf"
run update --config "$TMP/bad.conf"
expect_rc 2 "a malformed source list"
expect_err "bad.conf:1: expected 'SOURCE URL'" "names file and line"

run update --url "$BASE/ok/sdn/sdn.csv"
expect_rc 2 "--url without --source"

finish

#!/usr/bin/env bash
# interdict serve, end to end: the real binary on a free loopback port, every endpoint over curl
# (own API, yente and Watchman dialects), API keys, bad input, a list version imported while
# serving, the audit log, and a graceful stop on SIGTERM.
source "$(dirname "$0")/lib.sh"
SDN2021="$SRC/tests/fixtures/ofac-sdn-2021"
command -v curl >/dev/null || { echo "FAIL: curl is not installed (scripts/deps.sh)"; exit 1; }
PID=
trap '[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT

run import --source us-ofac-sdn "$SDN2021"
expect_rc 0 "import SDN"
run import --source un-sc "$SRC/data/lists/un-sc"
expect_rc 0 "import UN"

# API keys: a new random key, and the entry for a key of our choosing.
run serve --new-key ci-client
expect_rc 0 "serve --new-key"
KEY=$(sed -n 2p <<<"$OUT")
ENTRY=$(sed -n 4p <<<"$OUT")
if [[ "$KEY" =~ ^idk_[A-Za-z0-9_-]{43}$ ]]; then ok; else fail "new key format: '$KEY'"; fi
if [[ "$ENTRY" =~ ^ci-client:[0-9a-f]{32}:[0-9a-f]{64}$ ]]; then ok; else fail "entry format: '$ENTRY'"; fi
printf '# test keys\n%s\n' "$ENTRY" >"$TMP/keys"
OWN_KEY=partner-Own-Key-7f3a9c2e51b84d06
set +e
OTHER=$(printf '%s\n' "$OWN_KEY" | "$BIN" serve --hash-key partner 2>"$TMP/err")
RC=$?
set -e
expect_rc 0 "serve --hash-key"
if [[ "$OTHER" =~ ^partner:[0-9a-f]{32}:[0-9a-f]{64}$ ]]; then ok; else fail "hash-key entry: '$OTHER'"; fi

# A key anyone could guess is refused, with the reason, for every kind of weakness.
for weak in k my-own-key aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1234567890123456789012345; do
  set +e
  WEAK=$(printf '%s\n' "$weak" | "$BIN" serve --hash-key partner 2>"$TMP/err")
  RC=$?
  set -e
  ERR=$(cat "$TMP/err")
  expect_rc 2 "serve --hash-key with the weak key '$weak'"
  expect_err "too weak" "says why the key '$weak' is refused"
  if [ -z "$WEAK" ]; then ok; else fail "an entry was printed for the weak key '$weak'"; fi
done

# No keys, not loopback: refused.
run serve --host 0.0.0.0 --port 0
expect_rc 2 "serve on 0.0.0.0 without keys"
expect_err "without API keys" "says why"
run serve --port 0 --api-keys "$TMP/missing-keys"
expect_rc 1 "missing key file"
expect_err "missing-keys" "names the file"
run serve --port 0 --first-byte-timeout 0
expect_rc 2 "a first-byte timeout of 0"
run serve --port 0 --cors-origin https://app.example/
expect_rc 2 "a CORS origin with a path"
expect_err "https://app.example/" "names the bad origin"

INTERDICT_API_KEYS="$OTHER" "$BIN" serve --port 0 --api-keys "$TMP/keys" --reload-interval 0.2 \
  --cors-origin https://app.example >"$TMP/serve.out" 2>"$TMP/serve.err" &
PID=$!
PORT=$(wait_port "$TMP/serve.out")
if [ -n "$PORT" ]; then ok; else fail "the server printed no port: $(cat "$TMP/serve.err")"; exit 1; fi
URL="http://127.0.0.1:$PORT"

# http METHOD PATH [curl args...]: sets CODE and OUT (the body).
http() {
  local method=$1 path=$2
  shift 2
  CODE=$(curl -sS -o "$TMP/body" -w '%{http_code}' -X "$method" "$@" "$URL$path" 2>"$TMP/curl.err" || true)
  OUT=$(cat "$TMP/body" 2>/dev/null || true)
  ERR=$(cat "$TMP/curl.err")
}
AUTH=(-H "Authorization: Bearer $KEY")
JSON=(-H "Content-Type: application/json")
expect_code() { if [ "$CODE" = "$1" ]; then ok; else fail "$2: HTTP $CODE, expected $1"; fi; }

http GET /healthz
expect_code 200 "healthz"
for _ in $(seq 1 2400); do
  http GET /readyz
  [ "$CODE" = 200 ] && break
  sleep 0.05
done
expect_code 200 "readyz once the lists are loaded"
expect_out '"source":"us-ofac-sdn"' "readyz lists the sources"
http GET /openapi.json
expect_code 200 "openapi.json"
expect_out '"openapi":"3.0.3"' "an OpenAPI 3 document"

# Auth.
http POST /v1/screen "${JSON[@]}" -d '{"name":"Evin Prison"}'
expect_code 401 "screen without a key"
expect_out '"code":"unauthorized"' "error shape"
http POST /v1/screen "${JSON[@]}" -H "Authorization: Bearer wrong" -d '{"name":"Evin Prison"}'
expect_code 401 "screen with a wrong key"
http POST /v1/screen "${JSON[@]}" -H "X-API-Key: $OWN_KEY" -d '{"name":"Evin Prison"}'
expect_code 200 "screen with the key from \$INTERDICT_API_KEYS"

# CORS: a browser's preflight (no key), then its request.
OUT=$(curl -sS -i -X OPTIONS -H "Origin: https://app.example" -H "Access-Control-Request-Method: POST" \
  -H "Access-Control-Request-Headers: authorization,content-type" "$URL/v1/screen" 2>&1 || true)
expect_out "^HTTP/1.1 204" "CORS preflight"
expect_out "^access-control-allow-origin: https://app\.example" "preflight allows the origin"
expect_out "^access-control-allow-headers: authorization, content-type" "and the key's header"
OUT=$(curl -sS -i "${AUTH[@]}" "${JSON[@]}" -H "Origin: https://app.example" -d '{"name":"Evin Prison"}' \
  "$URL/v1/screen" 2>&1 || true)
expect_out "^HTTP/1.1 200" "screen from a page"
expect_out "^access-control-allow-origin: https://app\.example" "readable by the page"
OUT=$(curl -sS -i -H "Origin: https://evil.example" "$URL/healthz" 2>&1 || true)
expect_no_out "^access-control-allow-origin" "not for another origin"

# Own API.
http POST /v1/screen "${AUTH[@]}" "${JSON[@]}" -d '{"id":"c1","name":"Evin Prison","type":"organization"}'
expect_code 200 "v1 screen"
expect_out '"entity":"us-ofac-sdn:24586"' "finds EVIN PRISON"
expect_out '"sentence":"Matched the name' "with its explanation"
http POST /v1/screen/batch "${AUTH[@]}" "${JSON[@]}" \
  -d '{"queries":[{"id":1,"name":"Evin Prison"},{"id":2,"name":"Paradzai Zimondi","birth_date":"1947"}]}'
expect_code 200 "v1 batch"
expect_out 'us-ofac-sdn:7555' "second query found"
http POST /v1/compare "${AUTH[@]}" "${JSON[@]}" -d '{"name1":"Mohammed Yousef","name2":"MUHAMMAD, Yusuf"}'
expect_code 200 "v1 compare"
expect_out '"match":true' "a match"
http GET /v1/entities/us-ofac-sdn:24586 "${AUTH[@]}"
expect_code 200 "v1 entity"
expect_out '"full":"EVIN PRISON"' "entity name"
http GET /v1/sources "${AUTH[@]}"
expect_code 200 "v1 sources"
expect_out '"record_count":8976' "SDN record count"
http GET /v1/sources/us-ofac-sdn/versions "${AUTH[@]}"
expect_code 200 "v1 source versions"
http POST /v1/scan "${AUTH[@]}" "${JSON[@]}" -d '{"text":"Wire to EVIN PRISON, Tehran"}'
if [ "$CODE" = 200 ] || [ "$CODE" = 501 ]; then ok; else fail "v1 scan: HTTP $CODE"; fi

# yente dialect.
http POST /match/default "${AUTH[@]}" "${JSON[@]}" \
  -d '{"queries":{"q1":{"schema":"Person","properties":{"name":["Paradzai Zimondi"],"birthDate":["1947-03-04"],"nationality":["zw"]}}}}'
expect_code 200 "yente match"
expect_out '"responses":\{"q1":' "responses keyed by query"
expect_out '"id":"us-ofac-sdn:7555"' "the match"
expect_out '"schema":"Person"' "FtM schema"
http GET "/search/default?q=Evin+Prison" "${AUTH[@]}"
expect_code 200 "yente search"
expect_out '"caption":"EVIN PRISON"' "search result"
http GET /entities/us-ofac-sdn:24586 "${AUTH[@]}"
expect_code 200 "yente entity"
expect_out '"schema":"LegalEntity"' "FtM schema of an untyped OFAC record"

# Watchman dialect.
http GET "/v2/search?name=Evin+Prison&type=business&limit=1" "${AUTH[@]}"
expect_code 200 "watchman search"
expect_out '"sourceID":"24586"' "watchman sourceID"
expect_out '"match":1' "watchman match score"
http GET "/v2/search?name=x&bogus=1" "${AUTH[@]}"
expect_code 400 "watchman unknown parameter"

# Bad input.
http POST /v1/screen "${AUTH[@]}" "${JSON[@]}" -d '{"name": '
expect_code 400 "malformed JSON"
expect_out '"code":"invalid_json"' "invalid_json"
http POST /v1/screen "${AUTH[@]}" "${JSON[@]}" -d '{"name": ["a"]}'
expect_code 400 "wrong type"
printf '{"name":"Ev\xffin"}' >"$TMP/bad-utf8.json"
http POST /v1/screen "${AUTH[@]}" "${JSON[@]}" --data-binary @"$TMP/bad-utf8.json"
expect_code 400 "invalid UTF-8"
head -c 2000000 /dev/zero | tr '\0' 'a' >"$TMP/huge.json"
http POST /v1/screen "${AUTH[@]}" "${JSON[@]}" --data-binary @"$TMP/huge.json"
expect_code 413 "huge body"
http GET /nowhere "${AUTH[@]}"
expect_code 404 "unknown path"

# Metrics.
http GET /metrics "${AUTH[@]}"
expect_code 200 "metrics"
expect_out 'interdict_http_requests_total\{route="POST /v1/screen",status="200"\}' "request counter"
expect_out 'interdict_list_version\{source="us-ofac-sdn"\} 1' "list version gauge"

# A new list version while serving: picked up without a restart.
mkdir -p "$TMP/next"
cp "$SDN2021"/*.csv "$TMP/next/"
grep -v '^24586,' "$SDN2021/sdn.csv" >"$TMP/next/sdn.csv"
run import --source us-ofac-sdn "$TMP/next"
expect_rc 0 "import while serving"
for _ in $(seq 1 1200); do
  http GET /v1/sources "${AUTH[@]}"
  grep -q '"record_count":8975' <<<"$OUT" && break
  sleep 0.1
done
expect_out '"record_count":8975' "new version in service"
http POST /v1/screen "${AUTH[@]}" "${JSON[@]}" -d '{"name":"Evin Prison"}'
expect_code 200 "screen after the swap"
expect_no_out 'us-ofac-sdn:24586' "the delisted record is gone"

# Graceful stop.
kill -TERM "$PID"
set +e
wait "$PID"
RC=$?
set -e
PID=
expect_rc 0 "exit code after SIGTERM"
ERR=$(cat "$TMP/serve.err")
expect_err "SIGTERM received, stopping" "logs the signal"
expect_err "stopped" "logs the stop"
if grep -q -- "$KEY" "$TMP/serve.err" "$TMP/serve.out"; then fail "the key was logged"; else ok; fi

# The audit log: every screening request, with who asked.
OUT=$(sqlite3 "$INTERDICT_DB" "SELECT who || ' ' || json_extract(detail, '$.endpoint') || ' ' || json_extract(detail, '$.status') FROM audit_event WHERE kind = 'screening' ORDER BY seq")
expect_out "^partner POST /v1/screen 200$" "audit: the partner's request"
expect_out "^ci-client POST /match/\{dataset\} 200$" "audit: yente request"
expect_out "^ci-client GET /v2/search 200$" "audit: watchman request"
expect_out "^ci-client POST /v1/screen 400$" "audit: refused request"
expect_no_out "compare" "compare is not screening"

# SIGTERM always stops the server, even while it is loading a list it cannot finish (issue 16: a
# record with a 16,000-character name made the index build spin). Whether the build ends soon or
# is stuck inside that record, the server exits 0 within --rebuild-budget / its stop wait (10 s).
POISON_DB="$TMP/poison.db"
python3 -c "
import json, random
random.seed(16)
name = ''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(16000))
print(json.dumps({'id': 'poison-1', 'schema': 'Person', 'properties': {'name': [name]}}))
" >"$TMP/poison.entities.ftm.json"
run --db "$POISON_DB" import --source ftm "$TMP/poison.entities.ftm.json"
expect_rc 0 "import the record with a 16,000-character name"
"$BIN" --db "$POISON_DB" serve --port 0 --no-audit >"$TMP/poison.out" 2>"$TMP/poison.err" &
PID=$!
for _ in $(seq 1 1200); do
  grep -q "listening on" "$TMP/poison.out" && break
  sleep 0.05
done
sleep 1  # the first load is under way
START=$(date +%s)
kill -TERM "$PID"
for _ in $(seq 1 600); do
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$PID" 2>/dev/null; then
  fail "still running 60 s after SIGTERM during a poisoned load"
  kill -9 "$PID"
fi
set +e
wait "$PID"
RC=$?
set -e
PID=
ELAPSED=$(($(date +%s) - START))
expect_rc 0 "exit code after SIGTERM during a poisoned load"
if [ "$ELAPSED" -le 30 ]; then ok; else fail "SIGTERM took ${ELAPSED} s during a poisoned load"; fi
ERR=$(cat "$TMP/poison.err")
expect_err "stopped" "logs the stop"

finish

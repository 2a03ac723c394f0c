#!/usr/bin/env bash
# Throughput of the WeChat sandbox on loopback: api_component_token and freepublish/batchget, 10 s per run.
# Needs wrk (Debian: apt-get install -y wrk), python3, curl, and the built jar (./mvnw -o -pl wechat-sandbox install).
# Usage: wechat-sandbox/bench/run.sh [DURATION]   (from the repository root)
set -euo pipefail

DURATION="${1:-10s}"
PORT="${PORT:-19090}"
BASE="http://127.0.0.1:${PORT}"
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${HERE}/../target/wechat-sandbox.jar"
APPID=wx3c2a8f5e1b7d9a40
SECRET=5d1f0e9c8b7a6f5e4d3c2b1a0f9e8d7c
MERCHANT=wx5a7c1e9b3d2f4068

java -Xms256m -Xmx1g -jar "$JAR" --port "$PORT" > /tmp/wechat-sandbox-bench.log 2>&1 &
SANDBOX_PID=$!
trap 'kill "$SANDBOX_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "$BASE/sandbox/health" > /dev/null && break; sleep 0.1; done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Quotas out of the way: the benchmark measures the server, not the 45009/45011 logic.
for endpoint in /cgi-bin/component/api_component_token /cgi-bin/freepublish/batchget; do
  curl -sf -X PUT "$BASE/sandbox/quotas" \
    -d "{\"endpoint\":\"$endpoint\",\"dailyLimit\":1000000000,\"perMinute\":1000000000}" > /dev/null
done

TICKET=$(curl -sf -X POST "$BASE/sandbox/tickets/push" | json '["ticket"]')
TOKEN_BODY="{\"component_appid\":\"$APPID\",\"component_appsecret\":\"$SECRET\",\"component_verify_ticket\":\"$TICKET\"}"
COMPONENT_TOKEN=$(curl -sf -X POST "$BASE/cgi-bin/component/api_component_token" -d "$TOKEN_BODY" \
  | json '["component_access_token"]')
CODE=$(curl -sf -X POST "$BASE/sandbox/accounts/$MERCHANT/authorize" | json '["authorizationCode"]')
ACCESS_TOKEN=$(curl -sf -X POST "$BASE/cgi-bin/component/api_query_auth?component_access_token=$COMPONENT_TOKEN" \
  -d "{\"component_appid\":\"$APPID\",\"authorization_code\":\"$CODE\"}" \
  | json '["authorization_info"]["authorizer_access_token"]')

# Warm-up (JIT), not reported.
BODY="$TOKEN_BODY" wrk -t2 -c16 -d3s -s "$HERE/post-json.lua" "$BASE/cgi-bin/component/api_component_token" > /dev/null
BODY='{"offset":0,"count":10,"no_content":0}' wrk -t2 -c16 -d3s -s "$HERE/post-json.lua" \
  "$BASE/cgi-bin/freepublish/batchget?access_token=$ACCESS_TOKEN" > /dev/null

for shape in "-t1 -c2" "-t2 -c16" "-t2 -c64"; do
  echo "=== api_component_token  wrk $shape -d$DURATION"
  BODY="$TOKEN_BODY" wrk $shape -d"$DURATION" --latency -s "$HERE/post-json.lua" \
    "$BASE/cgi-bin/component/api_component_token"
  echo "=== freepublish/batchget (count 10, with content)  wrk $shape -d$DURATION"
  BODY='{"offset":0,"count":10,"no_content":0}' wrk $shape -d"$DURATION" --latency -s "$HERE/post-json.lua" \
    "$BASE/cgi-bin/freepublish/batchget?access_token=$ACCESS_TOKEN"
done

#!/usr/bin/env bash
# Time to answer WeChat on the message URL while the slow work (api_query_auth) is slower than WeChat's whole
# 5-second budget. Needs a running demo (README, "Quick start") and python3; prints p50/p95/p99/max of the
# sandbox's measured answer times (one message each: send, Atrium's answer, the sandbox's check of it).
#
#   scripts/message-url-latency.sh [SANDBOX_BASE_URL] [RUNS] [DELAY_MS]
#
# Each run is WeChat's 全网发布 test for all five groups (30 messages: 10 texts, 10 QUERY_AUTH_CODE, 10 events);
# every api_query_auth waits DELAY_MS in the sandbox first. Meanwhile two loops send users' messages to the demo's
# held accounts, as background load.
set -euo pipefail
SANDBOX="${1:-http://127.0.0.1:9090}"
RUNS="${2:-6}"
DELAY_MS="${3:-6000}"
OUT="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; curl -s -X DELETE "$SANDBOX/sandbox/faults" > /dev/null; rm -rf "$OUT"' EXIT

curl -sf -X DELETE "$SANDBOX/sandbox/faults" > /dev/null
curl -sf -X POST "$SANDBOX/sandbox/faults" \
  -d "{\"endpoint\":\"/cgi-bin/component/api_query_auth\",\"delayMillis\":$DELAY_MS}" > /dev/null
# Warm-up: the first messages after a start pay for class loading and connections.
curl -sf -X POST "$SANDBOX/sandbox/release-test" -d '{"group":1,"waitSeconds":60}' > /dev/null

for appid in wx5a7c1e9b3d2f4068 wx1e3c5a7b9d2f4860; do
  (while true; do
    curl -s -X POST "$SANDBOX/sandbox/accounts/$appid/messages" -d '{"text":"背景消息"}' > /dev/null
  done) &
done

for run in $(seq 1 "$RUNS"); do
  curl -sf -X POST "$SANDBOX/sandbox/release-test" -d '{"waitSeconds":60}' > "$OUT/run-$run.json"
  echo "run $run: passed=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['passed'])" "$OUT/run-$run.json")"
done

python3 - "$OUT" <<'PY'
import json, glob, sys
millis = []
for path in sorted(glob.glob(sys.argv[1] + "/run-*.json")):
    for account in json.load(open(path))["accounts"]:
        for step in account["steps"]:
            assert step["attempts"] == 1, step
            millis.append(step["millis"])
millis.sort()
def pct(p):
    return millis[min(len(millis) - 1, int(round(p / 100 * len(millis) + 0.5)) - 1)]
print(f"answers={len(millis)} p50={pct(50)} ms p95={pct(95)} ms p99={pct(99)} ms max={millis[-1]} ms")
PY

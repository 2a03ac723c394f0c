#!/usr/bin/env bash
# Time to answer WeChat on the message URL while the webhook receiver is slower than the delivery timeout.
# Needs a running demo (README, "Quick start"), curl and python3. Starts a receiver on loopback that holds every
# request for HOLD_SECONDS (longer than atrium.webhooks.timeout, 5 s: every attempt fails by timeout and is retried),
# adds it as a webhook endpoint of the demo tenant 星河集团 through the console (as the demo's operator), then keeps
# PARALLEL loops sending users' messages through the sandbox to the tenant's two accounts for SECONDS seconds.
# A time is curl's for one sandbox call: sealing the message, Atrium's answer, the sandbox's check of it.
#
#   scripts/webhook-latency.sh [ATRIUM_BASE_URL] [SANDBOX_BASE_URL] [SECONDS] [PARALLEL] [HOLD_SECONDS]
set -euo pipefail
ATRIUM="${1:-http://127.0.0.1:8080}"
SANDBOX="${2:-http://127.0.0.1:9090}"
SECONDS_TO_RUN="${3:-30}"
PARALLEL="${4:-4}"
HOLD="${5:-8}"
OUT="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$OUT"' EXIT

# The slow receiver: counts requests, answers 200 after HOLD seconds (Atrium has given up by then).
RECEIVER_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$RECEIVER_PORT" "$HOLD" "$OUT/received" <<'PY' &
import http.server, socketserver, sys, time
port, hold, log = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
class Slow(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(log, "a") as f:
            f.write(self.headers.get("Atrium-Webhook-Id", "-") + "\n")
        time.sleep(hold)
        try:
            self.send_response(200); self.end_headers()
        except OSError:
            pass
    def log_message(self, *args):
        pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
Server(("127.0.0.1", port), Slow).serve_forever()
PY
sleep 1

# The endpoint, created in the console as an operator would (login form, CSRF token, the tenant's webhook form).
JAR="$OUT/cookies"
csrf() { python3 -c 'import re,sys; print(re.search(r"name=\"_csrf\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))'; }
TOKEN=$(curl -sf -c "$JAR" -b "$JAR" "$ATRIUM/login" | csrf)
curl -sf -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "username=admin" \
  --data-urlencode "password=atrium-demo-admin" --data-urlencode "_csrf=$TOKEN" "$ATRIUM/login"
TENANT=$(curl -sf -c "$JAR" -b "$JAR" "$ATRIUM/tenants?q=%E6%98%9F%E6%B2%B3" \
  | python3 -c 'import re,sys; print(re.search(r"href=\"/tenants/(\d+)\"", sys.stdin.read()).group(1))')
TOKEN=$(curl -sf -c "$JAR" -b "$JAR" "$ATRIUM/tenants/$TENANT/webhooks" | csrf)
CREATED=$(curl -sf -c "$JAR" -b "$JAR" --data-urlencode "url=http://127.0.0.1:$RECEIVER_PORT/slow" \
  --data-urlencode "events=" --data-urlencode "_csrf=$TOKEN" "$ATRIUM/tenants/$TENANT/webhooks")
grep -q 'id="webhook-secret"' <<< "$CREATED" || { echo "the endpoint was not created"; exit 1; }
echo "endpoint added to tenant $TENANT: http://127.0.0.1:$RECEIVER_PORT/slow (holds each request ${HOLD}s)"

# Warm-up, then the measured loops.
for i in 1 2 3 4 5; do
  curl -sf -o /dev/null -X POST "$SANDBOX/sandbox/accounts/wx5a7c1e9b3d2f4068/messages" -d '{"text":"预热"}'
done
END=$(( $(date +%s) + SECONDS_TO_RUN ))
for loop in $(seq 1 "$PARALLEL"); do
  (appid=wx5a7c1e9b3d2f4068; [ $((loop % 2)) -eq 0 ] && appid=wx1e3c5a7b9d2f4860
   n=0
   while [ "$(date +%s)" -lt "$END" ]; do
     n=$((n + 1))
     curl -s -o "$OUT/answer-$loop" -w '%{time_total}\n' -X POST "$SANDBOX/sandbox/accounts/$appid/messages" \
       -d "{\"text\":\"消息 $loop-$n\",\"openid\":\"oBench$loop-$((n % 7))\"}" >> "$OUT/times-$loop"
     grep -q '"acknowledged":true' "$OUT/answer-$loop" || echo "not acknowledged: $(cat "$OUT/answer-$loop")"
   done) &
done
wait $(jobs -p | tail -n "$PARALLEL")

python3 - "$OUT" <<'PY'
import glob, sys, os
millis = sorted(float(line) * 1000 for path in glob.glob(sys.argv[1] + "/times-*") for line in open(path) if line.strip())
def pct(p):
    return millis[min(len(millis) - 1, int(round(p / 100 * len(millis) + 0.5)) - 1)]
received = os.path.join(sys.argv[1], "received")
attempts = sum(1 for _ in open(received)) if os.path.exists(received) else 0
print(f"answers={len(millis)} p50={pct(50):.0f} ms p95={pct(95):.0f} ms p99={pct(99):.0f} ms max={millis[-1]:.0f} ms; "
      f"delivery attempts the slow receiver saw={attempts}")
PY

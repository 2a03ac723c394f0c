#!/usr/bin/env bash
# content-api.sh <jar> <label>: the content API shapes of docs/benchmarks.md against one Atrium jar (demo
# profile, port 8080, sandbox 9090, both must be free). Prints one line per shape; needs wrk and curl.
set -u
jar=$1; label=$2
java -Xms256m -Xmx1g -jar "$jar" --spring.profiles.active=demo --atrium.upstream.apis.material-count.per-minute=10000000 \
  --atrium.upstream.apis.freepublish-batchget.per-minute=10000000 --atrium.upstream.per-day=100000000 \
  --logging.level.root=warn > "${TMPDIR:-/tmp}/atrium-bench-$label.log" 2>&1 &
pid=$!
for i in $(seq 1 90); do curl -sf localhost:8080/readyz >/dev/null && break; sleep 2; done
S=http://localhost:9090
for e in /cgi-bin/freepublish/batchget /cgi-bin/material/get_materialcount; do
  curl -s -o /dev/null -X PUT $S/sandbox/quotas -d "{\"endpoint\":\"$e\",\"dailyLimit\":100000000,\"perMinute\":100000000}"; done
H='Authorization: Bearer atr_demo_platform_key_public_do_not_use_anywhere'
B=http://localhost:8080/api/v1/accounts/wx5a7c1e9b3d2f4068
wrk -t1 -c2 -d3s -H "$H" "$B/materials/count?source=live" >/dev/null; wrk -t2 -c16 -d3s -H "$H" "$B/articles?count=10&source=live" >/dev/null
for shape in "1 2 materials/count?source=live" "1 2 articles?count=10&source=live" "2 16 materials/count?source=live" "2 16 articles?count=10&source=live"; do
  set -- $shape
  out=$(wrk -t$1 -c$2 -d10s --latency -H "$H" "$B/$3")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}'); p50=$(echo "$out" | awk '$1=="50%" {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | grep -c Non-2xx)
  echo "$label c$2 $3 rps=$rps p50=$p50 p99=$p99 non2xx=$non2xx"
done
kill $pid; wait $pid 2>/dev/null

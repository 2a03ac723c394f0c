#!/usr/bin/env bash
# hot-path.sh <jar>: the hot path of docs/benchmarks.md ("Hot path"). One Atrium (the demo jar, demo/target/atrium-demo.jar: demo profile, port 8080, sandbox
# on 9090, both must be free) on this machine's PostgreSQL and Redis (a schema and key prefix of its own), then
# side by side with wrk, for the same page of 10 articles with their content:
#   direct   POST sandbox /cgi-bin/freepublish/batchget?access_token=<the account's real token, lent by Atrium>
#   content  GET  /api/v1/accounts/<appid>/articles?count=10&source=live (the pass-through; the index answers
#            without WeChat, docs/benchmarks.md "Content index")
#   gateway  POST /api/v1/accounts/<appid>/wechat/cgi-bin/freepublish/batchget
# at 1, 16 and 64 connections, with the sandbox answering at once and after 20 ms. Per Atrium shape also Redis
# commands and PostgreSQL transactions per request (server counters before and after, less an idle window).
# Needs wrk, curl, redis-cli, psql, vmstat; PGPASSWORD for the user below.
set -euo pipefail
jar=$1
duration=${DURATION:-10}
pg_user=${PG_USER:-atrium_test}
export PGPASSWORD=${PGPASSWORD:-atrium_test}
schema=atrium_bench_$$
env=bench$$
appid=wx5a7c1e9b3d2f4068
key='atr_demo_platform_key_public_do_not_use_anywhere'
work=$(mktemp -d)
psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "create schema $schema" >/dev/null
java -Xms256m -Xmx1g -jar "$jar" --spring.profiles.active=demo --logging.level.root=warn \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$schema" \
  --spring.datasource.username="$pg_user" --spring.datasource.password="$PGPASSWORD" \
  --spring.data.redis.url=redis://127.0.0.1:6379 --atrium.env=$env \
  --atrium.upstream.apis.freepublish-batchget.per-minute=100000000 --atrium.upstream.per-day=100000000 \
  > "$work/atrium.log" 2>&1 &
pid=$!
cleanup() { kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "drop schema $schema cascade" >/dev/null 2>&1; redis-cli --scan --pattern "atrium:$env:*" | xargs -r -n 500 redis-cli del >/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 90); do curl -sf localhost:8080/readyz >/dev/null && break; sleep 2; done
S=http://127.0.0.1:9090
curl -s -o /dev/null -X PUT $S/sandbox/quotas -d '{"endpoint":"/cgi-bin/freepublish/batchget","dailyLimit":100000000,"perMinute":100000000}'
token=$(curl -s -H "Authorization: Bearer $key" localhost:8080/api/v1/accounts/$appid/access-token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
body='{"offset":0,"count":10,"no_content":0}'
printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' "'$body'" > "$work/post.lua"
H="Authorization: Bearer $key"
declare -A url=( [direct]="$S/cgi-bin/freepublish/batchget?access_token=$token"
  [content]="http://127.0.0.1:8080/api/v1/accounts/$appid/articles?count=10&source=live"
  [gateway]="http://127.0.0.1:8080/api/v1/accounts/$appid/wechat/cgi-bin/freepublish/batchget" )
redis_calls() { redis-cli info commandstats | awk -F'[:=,]' '/^cmdstat_/ { sum += $3 } END { print sum }'; }
wrk_args() { # wrk_args <shape>: the key and the POST body where the shape needs them
  [ "$1" != direct ] && printf '%s\n' -H "$H"
  [ "$1" != content ] && printf '%s\n' -s "$work/post.lua"
  return 0
}
pg_xacts() { psql -tA -h 127.0.0.1 -U "$pg_user" -d postgres -c "select xact_commit + xact_rollback from pg_stat_database where datname = 'postgres'"; }
run() { # run <shape> <connections>: prints requests/s, p50, p99, non-2xx, Redis commands and PG transactions per request
  local shape=$1 c=$2 threads=$(( $2 < 2 ? 1 : 2 )) args=()
  mapfile -t args < <(wrk_args "$shape")
  local r0 p0; r0=$(redis_calls); p0=$(pg_xacts)
  vmstat 1 "$duration" > "$work/vmstat" &
  local vm=$!
  local out; out=$(wrk -t$threads -c$c -d${duration}s --latency "${args[@]}" "${url[$shape]}")
  local r1 p1; r1=$(redis_calls); p1=$(pg_xacts)
  wait $vm
  local n; n=$(echo "$out" | awk '/requests in/ {print $1}')
  # The machine's idle CPU during the run (vmstat's samples after its first, which averages since boot).
  local idle; idle=$(awk 'NR > 3 { sum += $15; n++ } END { printf "%.0f", (n ? sum / n : 0) }' "$work/vmstat")
  printf '%s c%s rps=%s p50=%s p99=%s non2xx=%s redis/req=%.2f pg/req=%.3f cpu_idle=%s%%\n' "$shape" "$c" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "$out" | grep -c Non-2xx || true)" \
    "$(echo "($r1 - $r0 - $idle_redis) / $n" | bc -l)" "$(echo "($p1 - $p0 - $idle_pg) / $n" | bc -l)" "$idle"
}
# Redis round trips per request (commandstats also counts the commands a script runs): the commands Atrium's own
# connections send, read with MONITOR during a short single-connection run of each Atrium shape.
for shape in content gateway; do
  mapfile -t args < <(wrk_args "$shape")
  wrk -t1 -c1 -d3s "${args[@]}" "${url[$shape]}" >/dev/null
  timeout 3 redis-cli monitor > "$work/monitor" &
  monitor=$!
  sleep 0.5
  n=$(wrk -t1 -c1 -d2s "${args[@]}" "${url[$shape]}" | awk '/requests in/ {print $1}')
  wait $monitor || true
  sent=$(grep -v '\[0 lua\]' "$work/monitor" | grep -ci "atrium:$env" || true)
  echo "round trips $shape: $(echo "$sent / $n" | bc -l | xargs printf '%.2f') per request ($sent commands from clients for $n requests, MONITOR)"
done
# What the instance does on its own (schedulers) in one run's time, subtracted from every run.
r0=$(redis_calls); p0=$(pg_xacts); sleep "$duration"; idle_redis=$(( $(redis_calls) - r0 - 1 )); idle_pg=$(( $(pg_xacts) - p0 - 1 ))
echo "idle in ${duration}s: redis=$idle_redis pg=$idle_pg"
for latency in 0 20; do
  curl -s -o /dev/null -X PUT $S/sandbox/latency -d "{\"minMillis\":$latency,\"maxMillis\":$latency}"
  for shape in direct content gateway; do mapfile -t args < <(wrk_args "$shape"); wrk -t2 -c16 -d5s "${args[@]}" "${url[$shape]}" >/dev/null; done
  for c in 1 16 64; do
    for shape in direct content gateway; do
      echo "latency=${latency}ms $(run $shape $c)"
    done
  done
done

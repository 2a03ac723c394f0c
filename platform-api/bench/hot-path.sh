#!/usr/bin/env bash
# hot-path.sh [--sandbox-apart] <jar>: the hot path of docs/benchmarks.md ("Hot path"). One Atrium on this machine's
# PostgreSQL and Redis (a schema and key prefix of its own; ports 8080 and 9090 must be free), then side by side with
# wrk, for the same page of 10 articles with their content:
#   direct   POST sandbox /cgi-bin/freepublish/batchget?access_token=<the account's real token, lent by Atrium>
#   content  GET  /api/v1/accounts/<appid>/articles?count=10&source=live (the pass-through; the index answers
#            without WeChat, docs/benchmarks.md "Content index")
#   gateway  POST /api/v1/accounts/<appid>/wechat/cgi-bin/freepublish/batchget
# at 1, 16 and 64 connections, with the sandbox answering at once and after 20 ms. Per Atrium shape also Redis
# commands and PostgreSQL transactions per request (server counters before and after, less an idle window), and the
# CPU each JVM spent per request (Atrium's, and with --sandbox-apart the sandbox's).
#   <jar> alone: the demo jar (demo/target/atrium-demo.jar), the sandbox in Atrium's JVM with the demo's accounts.
#   --sandbox-apart <jar>: the production jar (app/target/atrium.jar) and the standalone sandbox
#            (wechat-sandbox/target/wechat-sandbox.jar) in a JVM of its own, as WeChat is remote; one account
#            onboarded and a platform key made through the console (bench/target/atrium-bench.jar provision).
# Environment: DURATION (s per run, 10), WARMUP (s per shape, 40: with 10 s the JIT's one C2 thread on two cores was
# still compiling through the first Atrium run at one connection, doubling its CPU per request), JIT_QUIET_MAX (s,
# 600: after the warm-ups the shapes run on at 64 connections until the JVMs compile fewer than 20 methods in a
# round, since at 64 connections C2 was still taking a fifth of Atrium's CPU minutes into a run; each run reports
# the methods compiled during it as jit=), SHAPES ("direct content gateway"), CONNECTIONS
# ("1 16 64"), LATENCIES (ms, "0 20"), ATRIUM_JAVA_OPTS (more JVM options for Atrium: a flight recording, say).
# Needs wrk, curl, redis-cli, psql, vmstat; PGPASSWORD for the user below.
set -euo pipefail
apart=false
if [ "${1:-}" = --sandbox-apart ]; then apart=true; shift; fi
jar=$1
duration=${DURATION:-10}
pg_user=${PG_USER:-atrium_test}
export PGPASSWORD=${PGPASSWORD:-atrium_test}
schema=atrium_bench_$$
env=bench$$
work=$(mktemp -d)
S=http://127.0.0.1:9090
psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "create schema $schema" >/dev/null
common=(--logging.level.root=warn
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$schema"
  --spring.datasource.username="$pg_user" --spring.datasource.password="$PGPASSWORD"
  --spring.data.redis.url=redis://127.0.0.1:6379 --atrium.env=$env
  --atrium.upstream.apis.freepublish-batchget.per-minute=100000000 --atrium.upstream.per-day=100000000)
sandbox_pid=
if $apart; then
  # The sandbox's default component, and the bench's settings for everything else (bench Stack.properties).
  java -Xms256m -Xmx1g -jar wechat-sandbox/target/wechat-sandbox.jar --port 9090 --no-demo-accounts \
    --callback-url http://127.0.0.1:8080/wechat/component/events > "$work/sandbox.log" 2>&1 &
  sandbox_pid=$!
  java -Xms256m -Xmx1g ${ATRIUM_JAVA_OPTS:-} -jar "$jar" "${common[@]}" --atrium.public-base-url=http://127.0.0.1:8080 \
    --atrium.wechat.api-base-url=$S --atrium.wechat.mp-base-url=$S --atrium.wechat.open-base-url=$S \
    --atrium.wechat.component-app-id=wx3c2a8f5e1b7d9a40 --atrium.wechat.component-secret=5d1f0e9c8b7a6f5e4d3c2b1a0f9e8d7c \
    --atrium.wechat.component-token=atriumsandboxtoken \
    --atrium.wechat.component-aes-key=Q2FuZGJveEF0cml1bUVuY29kaW5nQUVTS2V5MDEyMzQ \
    --atrium.custody.keys.bench=c29hay1ydW4tb25seS1rZXktMzItYnl0ZXMtbG9uZyE= --atrium.custody.active-key=bench \
    --atrium.onboarding.state-secret=soak-run-only-onboarding-state-secret-0123 \
    --atrium.console.initial-admin.username=soak-admin \
    --atrium.console.initial-admin.password='Soak-run admin: 7 brisk otters!' > "$work/atrium.log" 2>&1 &
else
  java -Xms256m -Xmx1g ${ATRIUM_JAVA_OPTS:-} -jar "$jar" --spring.profiles.active=demo "${common[@]}" > "$work/atrium.log" 2>&1 &
fi
pid=$!
cleanup() { kill $pid $sandbox_pid 2>/dev/null; wait $pid $sandbox_pid 2>/dev/null || true; psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "drop schema $schema cascade" >/dev/null 2>&1; redis-cli --scan --pattern "atrium:$env:*" | xargs -r -n 500 redis-cli del >/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 90); do curl -sf localhost:8080/readyz >/dev/null && break; sleep 2; done
if $apart; then
  eval "$(java -jar bench/target/atrium-bench.jar provision --atrium http://127.0.0.1:8080 --sandbox $S | grep -E '^(appid|key)=')"
else
  appid=wx5a7c1e9b3d2f4068
  key='atr_demo_platform_key_public_do_not_use_anywhere'
fi
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
hz=$(getconf CLK_TCK)
jvm_cpu() { # jvm_cpu <pid>: the process's CPU time so far (user + system), in ms; 0 without a pid
  [ -n "$1" ] && awk -v hz="$hz" '{ print int(($14 + $15) * 1000 / hz) }' /proc/$1/stat || echo 0
}
compiled() { # compiled: methods the JIT has compiled so far in Atrium's JVM and the sandbox's (jstat)
  local total=0 p
  for p in $pid $sandbox_pid; do total=$(( total + $(jstat -compiler "$p" | awk 'NR == 2 { print $1 }') )); done
  echo $total
}
pg_xacts() { psql -tA -h 127.0.0.1 -U "$pg_user" -d postgres -c "select xact_commit + xact_rollback from pg_stat_database where datname = 'postgres'"; }
run() { # run <shape> <connections>: prints requests/s, p50, p99, non-2xx, Redis commands and PG transactions per request
  local shape=$1 c=$2 threads=$(( $2 < 2 ? 1 : 2 )) args=()
  mapfile -t args < <(wrk_args "$shape")
  local j0; j0=$(compiled)
  local r0 p0 a0 s0; r0=$(redis_calls); p0=$(pg_xacts); a0=$(jvm_cpu $pid); s0=$(jvm_cpu "$sandbox_pid")
  vmstat 1 "$duration" > "$work/vmstat" &
  local vm=$!
  local out; out=$(wrk -t$threads -c$c -d${duration}s --latency "${args[@]}" "${url[$shape]}")
  local r1 p1 a1 s1; r1=$(redis_calls); p1=$(pg_xacts); a1=$(jvm_cpu $pid); s1=$(jvm_cpu "$sandbox_pid")
  local j1; j1=$(compiled)
  wait $vm
  local n; n=$(echo "$out" | awk '/requests in/ {print $1}')
  # The machine's idle CPU during the run (vmstat's samples after its first, which averages since boot).
  local idle; idle=$(awk 'NR > 3 { sum += $15; n++ } END { printf "%.0f", (n ? sum / n : 0) }' "$work/vmstat")
  printf '%s c%s rps=%s p50=%s p99=%s non2xx=%s redis/req=%.2f pg/req=%.3f cpu_idle=%s%% atrium_cpu/req=%.3fms sandbox_cpu/req=%.3fms jit=%s\n' "$shape" "$c" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "$out" | grep -c Non-2xx || true)" \
    "$(echo "($r1 - $r0 - $idle_redis) / $n" | bc -l)" "$(echo "($p1 - $p0 - $idle_pg) / $n" | bc -l)" "$idle" \
    "$(echo "($a1 - $a0) / $n" | bc -l)" "$(echo "($s1 - $s0) / $n" | bc -l)" $(( j1 - j0 ))
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
for latency in ${LATENCIES:-0 20}; do
  curl -s -o /dev/null -X PUT $S/sandbox/latency -d "{\"minMillis\":$latency,\"maxMillis\":$latency}"
  for shape in ${SHAPES:-direct content gateway}; do mapfile -t args < <(wrk_args "$shape"); wrk -t2 -c16 -d${WARMUP:-40}s "${args[@]}" "${url[$shape]}" >/dev/null; done
  # On until the JIT is quiet: a server in steady state, not one still compiling, is what the runs measure.
  quiet_start=$SECONDS
  while [ $(( SECONDS - quiet_start )) -lt "${JIT_QUIET_MAX:-600}" ]; do
    before=$(compiled)
    for shape in ${SHAPES:-direct content gateway}; do mapfile -t args < <(wrk_args "$shape"); wrk -t2 -c64 -d5s "${args[@]}" "${url[$shape]}" >/dev/null; done
    (( $(compiled) - before < 20 )) && break
  done
  echo "latency=${latency}ms JIT quiet after $(( SECONDS - quiet_start )) s more at 64 connections ($(( $(compiled) - before )) methods compiled in the last round)"
  for c in ${CONNECTIONS:-1 16 64}; do
    for shape in ${SHAPES:-direct content gateway}; do
      echo "latency=${latency}ms $(run $shape $c)"
    done
  done
done

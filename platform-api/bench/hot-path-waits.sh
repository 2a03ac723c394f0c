#!/usr/bin/env bash
# hot-path-waits.sh <jar> [dir]: where gateway requests wait (docs/benchmarks.md, "Where the gateway waits at 16
# connections"). The demo jar as in hot-path.sh (ports 8080 and 9090 free), the sandbox at 20 ms, the gateway at 16
# connections for 20 s under Java Flight Recorder recording every park, socket read, sleep and monitor wait of 1 ms or
# more; then those waits summed by the first Atrium frame of their stack. Needs wrk, curl, psql, python3.
set -euo pipefail
jar=$1; out=${2:-$(mktemp -d)}
mkdir -p $out
export PGPASSWORD=atrium_test
schema=atrium_jfr_$$; env=jfr$$
appid=wx5a7c1e9b3d2f4068; key='atr_demo_platform_key_public_do_not_use_anywhere'
psql -q -h 127.0.0.1 -U atrium_test -d postgres -c "create schema $schema" >/dev/null
cat > $out/settings.jfc <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.JavaMonitorWait"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.SocketRead"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.ThreadSleep"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
</configuration>
X
java -Xms256m -Xmx1g -XX:StartFlightRecording=filename=$out/rec.jfr,settings=$out/settings.jfc,delay=40s,duration=20s \
  -jar "$jar" --spring.profiles.active=demo --logging.level.root=warn \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$schema" \
  --spring.datasource.username=atrium_test --spring.datasource.password=atrium_test \
  --spring.data.redis.url=redis://127.0.0.1:6379 --atrium.env=$env \
  --atrium.upstream.apis.freepublish-batchget.per-minute=100000000 --atrium.upstream.per-day=100000000 > $out/atrium.log 2>&1 &
pid=$!
trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null; psql -q -h 127.0.0.1 -U atrium_test -d postgres -c 'drop schema $schema cascade' >/dev/null 2>&1" EXIT
start=$(date +%s)
for _ in $(seq 1 90); do curl -sf localhost:8080/readyz >/dev/null && break; sleep 1; done
S=http://127.0.0.1:9090
curl -s -o /dev/null -X PUT $S/sandbox/quotas -d '{"endpoint":"/cgi-bin/freepublish/batchget","dailyLimit":100000000,"perMinute":100000000}'
curl -s -o /dev/null -X PUT $S/sandbox/latency -d '{"minMillis":20,"maxMillis":20}'
body='{"offset":0,"count":10,"no_content":0}'
printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' "'$body'" > "$out/post.lua"
G="http://127.0.0.1:8080/api/v1/accounts/$appid/wechat/cgi-bin/freepublish/batchget"
token=$(curl -s -H "Authorization: Bearer $key" localhost:8080/api/v1/accounts/$appid/access-token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
D="$S/cgi-bin/freepublish/batchget?access_token=$token"
wrk -t2 -c16 -d5s -s $out/post.lua "$D" > /dev/null
echo "direct:"; wrk -t2 -c16 -d8s --latency -s $out/post.lua "$D" | grep -E "Requests/sec|50%|99%"
wrk -t2 -c16 -d5s -H "Authorization: Bearer $key" -s $out/post.lua "$G" > /dev/null
now=$(date +%s); wait_s=$(( 40 - (now - start) )); [ $wait_s -gt 0 ] && sleep $wait_s
echo "gateway (recorded):"; wrk -t2 -c16 -d20s --latency -H "Authorization: Bearer $key" -s $out/post.lua "$G" | grep -E "Requests/sec|50%|99%"
sleep 3
kill $pid; wait $pid 2>/dev/null || true
for ev in jdk.ThreadPark jdk.SocketRead jdk.JavaMonitorEnter; do jfr print --events $ev --stack-depth 40 $out/rec.jfr > $out/$ev.txt; done
python3 - "$out" <<'PY'
import collections, re, sys
for ev in ['jdk.ThreadPark', 'jdk.SocketRead', 'jdk.JavaMonitorEnter']:
    events = open('%s/%s.txt' % (sys.argv[1], ev)).read().split(ev + ' {')[1:]
    count, total = collections.Counter(), collections.Counter()
    for e in events:
        d = re.search(r'duration = ([\d.]+) (ms|s)', e)
        ms = float(d.group(1)) * (1000 if d.group(2) == 's' else 1) if d else 0
        thread = re.sub(r'\d+', 'N', re.search(r'eventThread = "([^"]+)"', e).group(1))
        frames = re.findall(r'\n\s+([\w.$]+\.[\w$<>]+)\(', e)
        atrium = [f for f in frames if f.startswith('io.atrium')][:1]
        key = thread + ' | ' + (atrium[0] if atrium else frames[0] if frames else '?')
        count[key] += 1
        total[key] += ms
    print('==', ev, len(events), 'events of 1 ms or more')
    for key, ms in sorted(total.items(), key=lambda item: -item[1])[:12]:
        print('%7d %9.0f ms  %s' % (count[key], ms, key))
PY

#!/usr/bin/env bash
# Many accounts kept fresh (issue 13): two Atrium instances from the production jar, a private PostgreSQL and Redis,
# the standalone sandbox; 10,000 accounts by default (`--accounts N`) onboarded through the console and WeChat's
# authorization page, held through three token lifetimes with the sandbox's clock (which both instances follow), then
# Redis flushed and the recovery timed. Exit 0 only if every check passed; the last line says FLEET PASSED or FAILED.
# Extra arguments go to the fleet command, e.g. `bench/fleet.sh --accounts 1000 --lifetimes 2`.
# Report: bench/target/fleet/report.md; logs of every process beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
	./mvnw -q -B -ntp package -DskipTests
fi
rm -rf bench/target/fleet && mkdir -p bench/target/fleet
cp bench/target/atrium-bench.jar bench/target/fleet/
exec java -Xmx1g -jar bench/target/fleet/atrium-bench.jar fleet --repo . --run-dir bench/target/fleet "$@"

#!/usr/bin/env bash
# The soak (issue 9): two Atrium instances from the production jar, a private PostgreSQL and Redis, the standalone
# sandbox with 20-60 ms of latency per WeChat call; 200 clients for 10 minutes by default. Exit 0 only if every
# check passed. Extra arguments go to the soak command, e.g. `bench/soak.sh --clients 50 --duration PT2M`.
# Report: bench/target/soak/report.md; logs of every process beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
	./mvnw -q -B -ntp package -DskipTests
fi
rm -rf bench/target/soak && mkdir -p bench/target/soak
# Run from a copy, as the instances are: a build during the run must not change the classes under it.
cp bench/target/atrium-bench.jar bench/target/soak/
exec java -Xmx1g -jar bench/target/soak/atrium-bench.jar soak --repo . --run-dir bench/target/soak "$@"

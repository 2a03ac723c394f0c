#!/usr/bin/env bash
# The fault runs (issue 9), one after the other under load on one running stack (see bench/README.md for what each
# does and what it must show). Needs Debian's faketime package for the clock jump (installed here if missing).
# Extra arguments go to the faults command, e.g. `bench/faults.sh --only redis-flush,postgres-restart`.
# Report: bench/target/faults/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -e /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 ]; then
	apt-get install -y -qq faketime >/dev/null || { apt-get update -qq && apt-get install -y -qq faketime >/dev/null; }
fi
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
	./mvnw -q -B -ntp package -DskipTests
fi
rm -rf bench/target/faults && mkdir -p bench/target/faults
# Run from a copy, as the instances are: a build during the run must not change the classes under it.
cp bench/target/atrium-bench.jar bench/target/faults/
exec java -Xmx1g -jar bench/target/faults/atrium-bench.jar faults --repo . --run-dir bench/target/faults "$@"

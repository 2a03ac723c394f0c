#!/usr/bin/env bash
# The content index at scale (issue 14): two Atrium instances from the production jar, a private PostgreSQL and
# Redis, the standalone sandbox answering at once; 20 tenants x 50 accounts, 200 posts each, by default, provisioned
# through the console and synced by Atrium's schedule; then the accounts list, searches and post lists, each
# judged on its p95. Extra arguments go to the index command, e.g. `bench/index.sh --tenants 2 --accounts-per-tenant 5`.
# Report: bench/target/index/report.md; logs of every process beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
	./mvnw -q -B -ntp package -DskipTests
fi
rm -rf bench/target/index && mkdir -p bench/target/index
cp bench/target/atrium-bench.jar bench/target/index/
exec java -Xmx1g -jar bench/target/index/atrium-bench.jar index --repo . --run-dir bench/target/index "$@"

#!/usr/bin/env bash
# Runs the whole test suite (the README's ./mvnw verify) three times, on a test clock started at three instants of
# today's date (UTC): just before midnight in Asia/Shanghai (the suite crosses it while it runs), just after it, and
# noon in Shanghai. No test may depend on the hour it runs; this shows it. About three times the suite's time.
#
#   scripts/suite-at-three-instants.sh            # today's date
#   scripts/suite-at-three-instants.sh 2026-12-31 # another date (a year's end, say)
#
# Each run's log is target/suite-at-<instant>.log; the exit status is non-zero when any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."

day=${1:-$(date -u +%F)}
# Midnight in Shanghai (UTC+8, no daylight saving) is 16:00 UTC of the day before.
instants=("${day}T15:58:30Z" "${day}T16:00:30Z" "${day}T04:00:00Z")
labels=("just before midnight Shanghai" "just after midnight Shanghai" "noon Shanghai")
mkdir -p target
failed=0
summary=()
for i in "${!instants[@]}"; do
	instant=${instants[$i]}
	log="target/suite-at-${instant//:/}.log"
	echo "suite: ATRIUM_TEST_CLOCK_START=$instant (${labels[$i]}) ./mvnw verify > $log"
	start=$(date +%s)
	if ATRIUM_TEST_CLOCK_START=$instant ./mvnw -B -ntp verify >"$log" 2>&1; then
		verdict=PASS
	else
		verdict=FAIL
		failed=1
	fi
	tests=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
		| awk -F'[:,]' '{ run += $2; failures += $4; errors += $6; skipped += $8 } END { printf "%d tests, %d failures, %d errors, %d skipped", run, failures, errors, skipped }')
	summary+=("$verdict  $instant  ${labels[$i]}: $tests, $(( $(date +%s) - start )) s")
done
printf '%s\n' "${summary[@]}"
exit $failed

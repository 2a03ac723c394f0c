package io.atrium.content;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.atrium.upstream.UpstreamUsage.AccountCount;
import io.atrium.upstream.UpstreamUsage.ErrorCount;

/**
 * The whole platform's use of WeChat's authorizer APIs (content and gateway) on one WeChat day, for the operators' dashboard: read from a
 * few Redis keys that every instance adds to, whatever the number of accounts; no call to WeChat.
 *
 * @param day the WeChat day (Asia/Shanghai)
 * @param callsByApi attempts sent to WeChat per API path (retries and replays included), every listed API that was called, the content APIs always
 * @param errors upstream errors per errcode, most frequent first
 * @param accountsCalling how many accounts called WeChat that day
 * @param busiest the accounts with the most calls, most first, each with its per-API use against the daily limit
 * @param mostErrors the accounts with the most upstream errors, most first
 */
public record PlatformOperations(LocalDate day, Map<String, Long> callsByApi, List<ErrorCount> errors,
		long accountsCalling, List<AccountOperations> busiest, List<AccountCount> mostErrors) {

	/** Calls of every API by every account. */
	public long calls() {
		return this.callsByApi.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Upstream errors of every account. */
	public long errorCount() {
		return this.errors.stream().mapToLong(ErrorCount::count).sum();
	}

}

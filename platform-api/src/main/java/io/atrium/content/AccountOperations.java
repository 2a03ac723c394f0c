package io.atrium.content;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import io.atrium.upstream.UpstreamError;

/**
 * What Atrium knows about one account's use of WeChat's content APIs: for the console's Operations page and
 * Dashboard. Read from Redis, shared by every instance; no call to WeChat.
 * <p>
 * The retry has no standing state to show: a retry is built per call with its own budget, so its work shows here
 * as extra calls and as the transient errors (-1, HTTP 5xx, no answer) in {@code recentErrors}.
 *
 * @param appId the authorizer appid
 * @param day the WeChat day (Asia/Shanghai) the counts are for
 * @param apis per API, in a fixed order
 * @param recentErrors the latest upstream errors, newest first (at most 100)
 */
public record AccountOperations(String appId, LocalDate day, List<ApiOperations> apis,
		List<UpstreamError> recentErrors) {

	/** Calls of every API today. */
	public long callsToday() {
		return this.apis.stream().mapToLong(ApiOperations::callsToday).sum();
	}

	/** The API that has used the largest part of its daily limit today: the one that will run out first. */
	public ApiOperations nearestDailyLimit() {
		return this.apis.stream()
			.max(Comparator.comparingLong(ApiOperations::dailyPercent).thenComparingLong(ApiOperations::callsToday))
			.orElseThrow();
	}

	/** The API whose path is given, e.g. {@code /cgi-bin/freepublish/batchget}. */
	public ApiOperations api(String path) {
		return this.apis.stream()
			.filter((api) -> api.api().equals(path))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Not a content API: " + path));
	}

}

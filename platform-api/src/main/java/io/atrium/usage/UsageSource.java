package io.atrium.usage;

import java.time.LocalDate;

import io.atrium.token.cache.RefreshOutcomes;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.UpstreamUsage.ErrorCount;

/** A WeChat day's platform-wide counts as Redis holds them now: a few keys, whatever the number of accounts. */
class UsageSource {

	/** The errors key of calls WeChat did not answer in its protocol (as Redis names it). */
	static final String NO_ERRCODE = "none";

	private final UpstreamUsage usage;

	private final RefreshOutcomes refreshes;

	UsageSource(UpstreamUsage usage, RefreshOutcomes refreshes) {
		this.usage = usage;
		this.refreshes = refreshes;
	}

	UsageCounts read(LocalDate day) {
		UsageCounts counts = UsageCounts.empty();
		// Calls first: it adds this instance's pending calls to Redis, peaks included.
		this.usage.platformCalls(day).forEach((api, count) -> counts.put(UsageMetric.CALLS, api, count));
		this.usage.platformPeaks(day).forEach((api, count) -> counts.put(UsageMetric.PEAK, api, count));
		for (ErrorCount error : this.usage.platformErrors(day)) {
			counts.put(UsageMetric.ERRORS, (error.errcode() != null) ? error.errcode().toString() : NO_ERRCODE,
					error.count());
		}
		this.refreshes.counts(day).forEach((outcome, count) -> counts.put(UsageMetric.REFRESHES, outcome, count));
		return counts;
	}

}

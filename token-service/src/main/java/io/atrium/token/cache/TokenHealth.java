package io.atrium.token.cache;

import java.time.Instant;

/**
 * How a subject's token has been doing, as operators see it; never the token. Each part is null while unknown
 * (nothing recorded yet, or Redis lost it).
 *
 * @param lastRefreshedAt when WeChat last issued the subject a token (a refresh, or onboarding's first token)
 * @param lastFailedAt when a refresh last failed; kept after later successes, because operators ask for the last
 * error, not only the current one
 * @param lastFailure why that refresh failed, in words safe to show: WeChat's errcode and errmsg, Atrium's own
 * words when WeChat did not answer, or only the kind of failure
 */
public record TokenHealth(Instant lastRefreshedAt, Instant lastFailedAt, String lastFailure) {

	/** Whether the last failure is newer than the last refresh, i.e. the token is failing now. */
	public boolean failing() {
		return this.lastFailedAt != null
				&& (this.lastRefreshedAt == null || this.lastFailedAt.isAfter(this.lastRefreshedAt));
	}

}

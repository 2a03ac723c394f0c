package io.atrium.token.cache;

import java.time.Instant;
import java.util.List;

/**
 * The subjects whose last refresh failed: how many, and the ones failing longest.
 *
 * @param count how many subjects are failing
 * @param longest up to the asked number of them, longest failing first
 */
public record FailingTokens(long count, List<Entry> longest) {

	/**
	 * @param subject whose token
	 * @param since the first failure since the subject's last successful refresh
	 */
	public record Entry(TokenSubject subject, Instant since) {

	}

}

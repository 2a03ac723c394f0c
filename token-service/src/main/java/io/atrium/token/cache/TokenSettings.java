package io.atrium.token.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are cached and refreshed ({@code atrium.tokens.*}).
 * <p>
 * The three margins are upper bounds: each token's margins are those, or a fixed fraction of the lifetime WeChat
 * answered for it when that is smaller ({@link #safetyMarginFor}, {@link #refreshAheadFor},
 * {@link #refreshSpreadFor}), so that a short-lived token (a sandbox set to 120 s) is still cached for most of its
 * life instead of counting as expired the moment it arrives.
 *
 * @param safetyMargin a token counts as expired this long before WeChat's {@code expires_in} ends; at most a
 * twelfth of the lifetime
 * @param refreshAhead the scheduler refreshes a token this long before it counts as expired, so that callers
 * never find it expired; at most a sixth of the lifetime
 * @param refreshSpread each token's proactive refresh comes a random amount up to this much earlier still, so that
 * tokens fetched together (after a Redis flush, a mass onboarding) are not all due together again a lifetime
 * later; at most a twenty-fourth of the lifetime
 * @param lockLease how long a refresh lock outlives its holder: the holder renews it every third of this while it
 * works, so a holder that died is taken over within one lease
 * @param maxWait how long a caller waits for another thread's or instance's refresh before giving up
 * @param pollInterval how often a waiting caller looks for the refreshed token
 */
@ConfigurationProperties("atrium.tokens")
public record TokenSettings(@DefaultValue("5m") Duration safetyMargin, @DefaultValue("15m") Duration refreshAhead,
		@DefaultValue("5m") Duration refreshSpread, @DefaultValue("1s") Duration lockLease,
		@DefaultValue("5s") Duration maxWait, @DefaultValue("20ms") Duration pollInterval) {

	public TokenSettings {
		for (Duration margin : new Duration[] { safetyMargin, refreshAhead, refreshSpread }) {
			if (margin == null || margin.isNegative()) {
				throw new IllegalArgumentException(
						"atrium.tokens.safety-margin, refresh-ahead and refresh-spread must be zero or more");
			}
		}
	}

	public static TokenSettings defaults() {
		return new TokenSettings(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(5),
				Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20));
	}

	/** The safety margin of a token WeChat issued for {@code lifetime}: at most a twelfth of it. */
	public Duration safetyMarginFor(Duration lifetime) {
		return min(this.safetyMargin, lifetime.dividedBy(12));
	}

	/** How long before it counts as expired a token of {@code lifetime} is refreshed: at most a sixth of it. */
	public Duration refreshAheadFor(Duration lifetime) {
		return min(this.refreshAhead, lifetime.dividedBy(6));
	}

	/** The widest random advance of a token's refresh: at most a twenty-fourth of its lifetime. */
	public Duration refreshSpreadFor(Duration lifetime) {
		return min(this.refreshSpread, lifetime.dividedBy(24));
	}

	private static Duration min(Duration configured, Duration share) {
		return (configured.compareTo(share) <= 0) ? configured : share;
	}

}

package io.atrium.token.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are cached and refreshed ({@code atrium.tokens.*}).
 *
 * @param safetyMargin a token counts as expired this long before WeChat's {@code expires_in} ends
 * @param refreshAhead the scheduler refreshes a token this long before it counts as expired, so that callers
 * never find it expired
 * @param lockLease how long a refresh lock outlives its holder: the holder renews it every third of this while it
 * works, so a holder that died is taken over within one lease
 * @param maxWait how long a caller waits for another thread's or instance's refresh before giving up
 * @param pollInterval how often a waiting caller looks for the refreshed token
 */
@ConfigurationProperties("atrium.tokens")
public record TokenSettings(@DefaultValue("5m") Duration safetyMargin, @DefaultValue("15m") Duration refreshAhead,
		@DefaultValue("1s") Duration lockLease, @DefaultValue("5s") Duration maxWait,
		@DefaultValue("20ms") Duration pollInterval) {

	public static TokenSettings defaults() {
		return new TokenSettings(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofMillis(20));
	}

}

package io.atrium.usage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daily usage history ({@code atrium.usage-history.*}).
 *
 * @param rollupInterval how often an instance copies the days Redis holds (today and yesterday) into PostgreSQL:
 * yesterday's last calls are in within one interval after midnight, and a Redis lost during the day loses at most
 * one interval of history
 * @param keep how many days PostgreSQL keeps: a few rows per day and API, so a year costs little
 */
@ConfigurationProperties("atrium.usage-history")
public record UsageHistoryProperties(@DefaultValue("5m") Duration rollupInterval, @DefaultValue("400d") Duration keep) {

	public UsageHistoryProperties {
		if (keep.toDays() < 31) {
			throw new IllegalArgumentException("atrium.usage-history.keep must be at least 31 days (the 30-day chart)");
		}
	}

}

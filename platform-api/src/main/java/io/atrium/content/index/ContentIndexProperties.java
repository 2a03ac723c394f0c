package io.atrium.content.index;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The content index ({@code atrium.content.index.*}): how each account's posts and materials are kept in
 * PostgreSQL.
 *
 * @param quotaShare the share of Atrium's daily limit per account and API ({@code atrium.upstream.per-day}) that syncs
 * may use, counted with every other call Atrium made for the account that day: a sync stops (and resumes the next
 * WeChat day) well before the merchant's own calls would run short
 * @param interval how often an account is synced on the schedule; each account's turn falls at its own time of
 * the interval (from its appid), so a thousand accounts are spread over the day rather than synced at once
 * @param tick how often an instance looks for accounts that are due
 * @param concurrency how many accounts one instance syncs at once
 * @param retryAfterFailure when a sync that failed (WeChat unreachable, a database error) is tried again; it
 * resumes where it stopped
 * @param lease how long an instance holds an account's sync without renewing it (it renews after every page); an
 * instance that dies mid-sync gives the account up after this long
 */
@ConfigurationProperties("atrium.content.index")
public record ContentIndexProperties(@DefaultValue("0.2") double quotaShare, @DefaultValue("24h") Duration interval,
		@DefaultValue("30s") Duration tick, @DefaultValue("1") int concurrency,
		@DefaultValue("15m") Duration retryAfterFailure, @DefaultValue("2m") Duration lease) {

	public ContentIndexProperties {
		if (quotaShare <= 0 || quotaShare > 1) {
			throw new IllegalArgumentException("atrium.content.index.quota-share must be above 0 and at most 1");
		}
		if (concurrency < 1) {
			throw new IllegalArgumentException("atrium.content.index.concurrency must be at least 1");
		}
		if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("atrium.content.index.interval must be at least a minute");
		}
	}

}

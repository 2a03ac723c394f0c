package io.atrium.usage;

import java.time.Clock;
import java.time.LocalDate;

import io.atrium.upstream.WeChatDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Copies the days Redis still holds (yesterday and today, by WeChat's day) into PostgreSQL, on every instance every
 * {@code atrium.usage-history.rollup-interval}. No lock and no leader: each run writes Redis's running totals,
 * which only grow, with {@code greatest}, so a second instance, a repeated run or a run that read a moment earlier
 * never adds a count twice nor lowers one. Yesterday is written until its Redis keys expire, so its last calls
 * (flushed a second after midnight) reach PostgreSQL.
 */
class UsageRollup {

	private static final Logger logger = LoggerFactory.getLogger(UsageRollup.class);

	private final UsageSource source;

	private final UsageDayStore store;

	private final UsageHistoryProperties properties;

	private final Clock clock;

	UsageRollup(UsageSource source, UsageDayStore store, UsageHistoryProperties properties, Clock clock) {
		this.source = source;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${atrium.usage-history.rollup-interval:5m}",
			initialDelayString = "${atrium.usage-history.rollup-interval:5m}")
	void scheduled() {
		try {
			rollUp();
		}
		catch (RuntimeException ex) {
			// The next run writes the same totals, larger: nothing is lost while Redis keeps the day.
			logger.warn("Could not roll up the daily usage: {}", ex.toString());
		}
	}

	/** Writes yesterday's and today's totals and forgets days older than {@code keep}. */
	void rollUp() {
		LocalDate today = WeChatDay.of(this.clock.instant());
		for (LocalDate day : new LocalDate[] { today.minusDays(1), today }) {
			this.store.write(day, this.source.read(day));
		}
		this.store.deleteBefore(today.minusDays(this.properties.keep().toDays()));
	}

}

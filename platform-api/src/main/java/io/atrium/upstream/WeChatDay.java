package io.atrium.upstream;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * WeChat's day: its daily quotas (45009) count calls per day in China time and reset at its midnight.
 */
public final class WeChatDay {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private WeChatDay() {
	}

	/** The WeChat day an instant falls on. */
	public static LocalDate of(Instant instant) {
		return LocalDate.ofInstant(instant, ZONE);
	}

	/** The next midnight in China time after an instant: when daily quotas reset. */
	public static Instant nextReset(Instant instant) {
		return of(instant).plusDays(1).atStartOfDay(ZONE).toInstant();
	}

}

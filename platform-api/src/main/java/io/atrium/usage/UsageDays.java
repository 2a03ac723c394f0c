package io.atrium.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * The platform's use of WeChat on consecutive WeChat days, oldest first, today last; each series holds one value per
 * day (0 when nothing was counted).
 *
 * @param days the WeChat days (Asia/Shanghai)
 * @param calls attempts sent to WeChat per API (registry key), most first
 * @param errors upstream errors per errcode ({@code none}: WeChat did not answer in its protocol), most first
 * @param refreshes token refreshes per {@code <component|authorizer>:<outcome>}, most first
 * @param peaks the most calls one account made of each API (registry key), highest first: against
 * {@code perDayLimit}, how near the busiest account came to Atrium's daily limit
 * @param perDayLimit Atrium's own daily limit per account and API
 */
public record UsageDays(List<LocalDate> days, List<Series> calls, List<Series> errors, List<Series> refreshes,
		List<Series> peaks, int perDayLimit) {

	/**
	 * One line of a chart.
	 *
	 * @param key what is counted: an API key, an errcode, an outcome
	 * @param values one per day
	 */
	public record Series(String key, List<Long> values) {

		public long total() {
			return this.values.stream().mapToLong(Long::longValue).sum();
		}

		public long max() {
			return this.values.stream().mapToLong(Long::longValue).max().orElse(0);
		}

	}

}

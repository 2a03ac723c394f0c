package io.atrium.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.atrium.upstream.WeChatApis;
import io.atrium.upstream.WeChatDay;

/**
 * Reads the daily usage for the dashboard: the days before yesterday from PostgreSQL, yesterday and today from
 * PostgreSQL and Redis together (the larger count wins: Redis is live, PostgreSQL kept what a lost Redis forgot).
 * One query and a few Redis keys, whatever the number of accounts.
 */
public class UsageHistory {

	/** The longest history a chart asks for. */
	public static final int MAX_DAYS = 31;

	private final UsageSource source;

	private final UsageDayStore store;

	private final WeChatApis apis;

	private final Clock clock;

	UsageHistory(UsageSource source, UsageDayStore store, WeChatApis apis, Clock clock) {
		this.source = source;
		this.store = store;
		this.apis = apis;
		this.clock = clock;
	}

	/** The last {@code count} WeChat days, today included (1 to {@value #MAX_DAYS}). */
	public UsageDays lastDays(int count) {
		if (count < 1 || count > MAX_DAYS) {
			throw new IllegalArgumentException("Between 1 and " + MAX_DAYS + " days, not " + count);
		}
		LocalDate today = WeChatDay.of(this.clock.instant());
		LocalDate first = today.minusDays(count - 1);
		Map<LocalDate, UsageCounts> stored = this.store.read(first, today);
		for (LocalDate live : new LocalDate[] { today.minusDays(1), today }) {
			if (!live.isBefore(first)) {
				stored.put(live, stored.getOrDefault(live, UsageCounts.empty()).max(this.source.read(live)));
			}
		}
		List<LocalDate> days = first.datesUntil(today.plusDays(1)).toList();
		List<UsageCounts> perDay = days.stream().map((day) -> stored.getOrDefault(day, UsageCounts.empty())).toList();
		return new UsageDays(days, series(perDay, UsageMetric.CALLS, UsageDays.Series::total),
				series(perDay, UsageMetric.ERRORS, UsageDays.Series::total),
				series(perDay, UsageMetric.REFRESHES, UsageDays.Series::total),
				series(perDay, UsageMetric.PEAK, UsageDays.Series::max), this.apis.perDay());
	}

	/** Every key counted on any of the days, as one series each, largest first (then by key). */
	private static List<UsageDays.Series> series(List<UsageCounts> perDay, UsageMetric metric,
			ToLongFunction<UsageDays.Series> size) {
		Set<String> keys = new LinkedHashSet<>();
		perDay.forEach((day) -> keys.addAll(day.of(metric).keySet()));
		List<UsageDays.Series> series = new ArrayList<>();
		for (String key : keys) {
			series.add(new UsageDays.Series(key,
					perDay.stream().map((day) -> day.of(metric).getOrDefault(key, 0L)).toList()));
		}
		series.sort(Comparator.comparingLong(size).reversed().thenComparing(UsageDays.Series::key));
		return List.copyOf(series);
	}

}

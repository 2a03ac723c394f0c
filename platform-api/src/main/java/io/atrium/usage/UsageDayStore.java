package io.atrium.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code usage_day} table (V11): a WeChat day's totals by metric and key. */
class UsageDayStore {

	private final JdbcClient jdbc;

	UsageDayStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes a day's running totals in one statement. A row is set, never added to, and only ever raised
	 * ({@code greatest}): writing the same totals again changes nothing, and an instance whose read is older than
	 * another's cannot lower a row. Two instances writing at once meet on the primary key; the second waits for the
	 * first and then raises or keeps the row.
	 */
	void write(LocalDate day, UsageCounts counts) {
		if (counts.isEmpty()) {
			return;
		}
		List<String> metrics = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		List<Long> values = new ArrayList<>();
		// In one order (metric, then key) on every instance: two upserts locking the same rows in different orders
		// could deadlock.
		counts.counts().forEach((metric, byKey) -> new TreeMap<>(byKey).forEach((key, count) -> {
			metrics.add(metric.column());
			keys.add(key);
			values.add(count);
		}));
		this.jdbc.sql("""
				insert into usage_day (day, metric, key, count)
				select ?, m, k, c from unnest(?::varchar[], ?::varchar[], ?::bigint[]) as t(m, k, c)
				on conflict (day, metric, key) do update set count = greatest(usage_day.count, excluded.count)""")
			.param(day)
			.param(metrics.toArray(String[]::new))
			.param(keys.toArray(String[]::new))
			.param(values.toArray(Long[]::new))
			.update();
	}

	/** The days from {@code first} to {@code last}, both included; a day without rows is absent. */
	Map<LocalDate, UsageCounts> read(LocalDate first, LocalDate last) {
		Map<LocalDate, UsageCounts> days = new TreeMap<>();
		List<Row> rows = this.jdbc.sql("select day, metric, key, count from usage_day where day between ? and ?")
			.param(first)
			.param(last)
			.query((row, number) -> new Row(row.getObject("day", LocalDate.class), row.getString("metric"),
					row.getString("key"), row.getLong("count")))
			.list();
		for (Row row : rows) {
			days.computeIfAbsent(row.day(), (day) -> UsageCounts.empty())
				.put(UsageMetric.of(row.metric()), row.key(), row.count());
		}
		return days;
	}

	/** Forgets the days before {@code first}. */
	int deleteBefore(LocalDate first) {
		return this.jdbc.sql("delete from usage_day where day < ?").param(first).update();
	}

	private record Row(LocalDate day, String metric, String key, long count) {

	}

}

package io.atrium.usage;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One WeChat day's platform-wide counts, by metric and key.
 *
 * @param counts per metric, per key
 */
record UsageCounts(Map<UsageMetric, Map<String, Long>> counts) {

	static UsageCounts empty() {
		return new UsageCounts(new EnumMap<>(UsageMetric.class));
	}

	void put(UsageMetric metric, String key, long count) {
		this.counts.computeIfAbsent(metric, (m) -> new HashMap<>()).put(key, count);
	}

	Map<String, Long> of(UsageMetric metric) {
		return this.counts.getOrDefault(metric, Map.of());
	}

	/** The larger count of each key: a day read from PostgreSQL and from Redis, neither ever ahead of the truth. */
	UsageCounts max(UsageCounts other) {
		UsageCounts merged = empty();
		for (UsageCounts each : new UsageCounts[] { this, other }) {
			each.counts.forEach((metric, keys) -> keys.forEach((key, count) -> merged.counts
				.computeIfAbsent(metric, (m) -> new HashMap<>())
				.merge(key, count, Math::max)));
		}
		return merged;
	}

	boolean isEmpty() {
		return this.counts.values().stream().allMatch(Map::isEmpty);
	}

}

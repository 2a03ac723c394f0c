package io.atrium.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every answer of a run, per route: status counts, latencies, requests that passed their deadline, and the
 * answers that break a rule (kept, the first 50, with what was wrong).
 */
public final class Recorder {

	/** Status recorded for a request that got no answer within its deadline. */
	public static final int DEADLINE = -1;

	/** Status recorded for a request that failed without an answer (connection refused or reset). */
	public static final int NO_ANSWER = -2;

	private final Map<String, Route> routes = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

	private final AtomicLong violationCount = new AtomicLong();

	public void record(String route, int status, long micros) {
		this.routes.computeIfAbsent(route, (name) -> new Route()).add(status, micros);
	}

	/** An answer that breaks a rule of the run (a 5xx, an undeliberate 429, a wrong status for the case). */
	public void violation(String route, int status, String detail) {
		if (this.violationCount.incrementAndGet() <= 50) {
			this.violations.add(route + " -> " + status + ": " + detail);
		}
	}

	public long violationCount() {
		return this.violationCount.get();
	}

	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	public Map<String, Summary> summaries() {
		Map<String, Summary> summaries = new TreeMap<>();
		this.routes.forEach((name, route) -> summaries.put(name, route.summary()));
		return summaries;
	}

	/** Counts by status over every route. */
	public Map<Integer, Long> statuses() {
		Map<Integer, Long> all = new TreeMap<>();
		summaries().values().forEach((summary) -> summary.statuses().forEach((status, n) -> all.merge(status, n, Long::sum)));
		return all;
	}

	public long total() {
		return summaries().values().stream().mapToLong(Summary::count).sum();
	}

	/** Forgets everything (between the phases of a fault run). */
	public void reset() {
		this.routes.clear();
		this.violations.clear();
		this.violationCount.set(0);
	}

	/**
	 * @param statuses answers by status ({@link #DEADLINE} and {@link #NO_ANSWER} included)
	 * @param p50Millis median latency of the answered requests
	 * @param p95Millis 95th percentile
	 * @param p99Millis 99th percentile
	 * @param maxMillis slowest
	 */
	public record Summary(long count, Map<Integer, Long> statuses, double p50Millis, double p95Millis,
			double p99Millis, double maxMillis) {

		public long count(int status) {
			return this.statuses.getOrDefault(status, 0L);
		}

	}

	private static final class Route {

		private final Map<Integer, Long> statuses = new TreeMap<>();

		private long[] micros = new long[1024];

		private int size;

		synchronized void add(int status, long latency) {
			this.statuses.merge(status, 1L, Long::sum);
			if (this.size == this.micros.length) {
				this.micros = Arrays.copyOf(this.micros, this.size * 2);
			}
			this.micros[this.size++] = latency;
		}

		synchronized Summary summary() {
			long[] sorted = Arrays.copyOf(this.micros, this.size);
			Arrays.sort(sorted);
			return new Summary(this.size, new TreeMap<>(this.statuses), percentile(sorted, 0.50),
					percentile(sorted, 0.95), percentile(sorted, 0.99), (this.size > 0) ? sorted[this.size - 1] / 1000.0 : 0);
		}

		private static double percentile(long[] sorted, double p) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(p * sorted.length) - 1;
			return sorted[Math.max(0, index)] / 1000.0;
		}

	}

	static List<String> lines(Map<String, Summary> summaries) {
		List<String> lines = new ArrayList<>();
		summaries.forEach((route, s) -> lines.add(String.format("| %s | %d | %s | %.1f | %.1f | %.1f | %.1f |", route,
				s.count(), s.statuses(), s.p50Millis(), s.p95Millis(), s.p99Millis(), s.maxMillis())));
		return lines;
	}

}

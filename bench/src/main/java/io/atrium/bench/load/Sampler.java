package io.atrium.bench.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Reads each instance's pool and thread figures from its metrics endpoint (on its management port) every second:
 * the high-water marks during a run, and single readings before and after it (baselines). Readings are keyed by the
 * instance's public base URL.
 */
public final class Sampler implements AutoCloseable {

	/** What is read: connections in use and waited for, request threads busy, live JVM threads. */
	public static final List<String> METRICS = List.of("hikaricp.connections.active", "hikaricp.connections.pending",
			"tomcat.threads.busy", "jvm.threads.live");

	private final Map<String, Http> instances = new LinkedHashMap<>();

	private final Map<String, String> managementUrls;

	private final Map<String, Map<String, Double>> highWater = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "sampler");
		thread.setDaemon(true);
		return thread;
	});

	/** @param managementUrls each instance's management URL by its public base URL */
	public Sampler(Map<String, String> managementUrls) {
		this.managementUrls = Map.copyOf(managementUrls);
		for (String base : managementUrls.keySet()) {
			this.instances.put(base, Http.browser(Duration.ofSeconds(10)));
		}
	}

	public void start() {
		this.highWater.clear();
		this.scheduler.scheduleWithFixedDelay(() -> this.instances.keySet().forEach((base) -> read(base)
			.forEach((metric, value) -> this.highWater.computeIfAbsent(base, (b) -> new ConcurrentHashMap<>())
				.merge(metric, value, Math::max))), 0, 1, TimeUnit.SECONDS);
	}

	/** Drops the high-water marks (between the phases of a fault run). */
	public void resetHighWater() {
		this.highWater.clear();
	}

	/** One reading of every metric on every instance. */
	public Map<String, Map<String, Double>> now() {
		Map<String, Map<String, Double>> readings = new LinkedHashMap<>();
		this.instances.keySet().forEach((base) -> readings.put(base, read(base)));
		return readings;
	}

	public Map<String, Map<String, Double>> highWater() {
		return Map.copyOf(this.highWater);
	}

	private Map<String, Double> read(String base) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (String metric : METRICS) {
			Answer answer = this.instances.get(base)
				.get(this.managementUrls.get(base) + "/actuator/metrics/" + metric, "Accept", "application/json");
			try {
				if (answer.status() == 200) {
					JsonNode measurements = Json.read(answer.body()).get("measurements");
					values.put(metric, measurements.get(0).get("value").asDouble());
				}
			}
			catch (RuntimeException ex) {
				// an instance that is down or restarting has no reading
			}
		}
		return values;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}

package io.atrium.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meters docs/metrics.md documents: its tables' rows {@code | `name` | type | `prometheus_name` | tags | ... |}.
 * The tests hold the application's scrape and the dashboard and alert rules to it.
 */
record MetricsDoc(List<Meter> meters, List<String> others) {

	static final Path DOCS = Path.of("..", "docs");

	private static final Pattern ROW = Pattern
		.compile("^\\| `([a-z0-9_.]+)` \\| (counter|timer|gauge|function counter) \\| `([a-z0-9_]+)` \\|");

	/** A row of the table of Spring Boot's (and Prometheus's) series the dashboard reads. */
	private static final Pattern OTHER = Pattern.compile("^\\| `([a-z0-9_]+)` \\| (Spring Boot|Prometheus) \\|");

	static MetricsDoc read() {
		List<Meter> meters = new ArrayList<>();
		List<String> others = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(DOCS.resolve("metrics.md"))) {
				Matcher row = ROW.matcher(line);
				if (row.find()) {
					meters.add(new Meter(row.group(1), row.group(2), row.group(3)));
				}
				Matcher other = OTHER.matcher(line);
				if (other.find()) {
					others.add(other.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new MetricsDoc(List.copyOf(meters), List.copyOf(others));
	}

	/** Whether a series a query names is one of a documented meter's (a timer's _count, _sum, _max, ...). */
	boolean documents(String series) {
		return this.others.contains(series)
				|| this.meters.stream().anyMatch((meter) -> meter.series().contains(series));
	}

	/**
	 * @param name Micrometer's name
	 * @param type counter, timer, gauge or function counter
	 * @param prometheusName the name of its {@code # HELP} line
	 */
	record Meter(String name, String type, String prometheusName) {

		List<String> series() {
			return switch (this.type) {
				case "timer" -> List.of(this.prometheusName + "_count", this.prometheusName + "_sum",
						this.prometheusName + "_max", this.prometheusName + "_bucket");
				default -> List.of(this.prometheusName);
			};
		}

	}

}

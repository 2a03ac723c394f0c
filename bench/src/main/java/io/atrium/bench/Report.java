package io.atrium.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atrium.bench.load.Recorder;

/** A run's report: printed as it is written, and kept as Markdown in the run directory. */
final class Report {

	private final List<String> lines = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	void line(String line) {
		System.out.println(line);
		this.lines.add(line);
	}

	void check(String name, boolean passed, String detail) {
		line("- " + (passed ? "PASS" : "FAIL") + " " + name + ((detail != null && !detail.isEmpty()) ? ": " + detail : ""));
		if (!passed) {
			this.failures.add(name);
		}
	}

	void routes(Map<String, Recorder.Summary> summaries) {
		line("| route | requests | statuses | p50 ms | p95 ms | p99 ms | max ms |");
		line("|---|---:|---|---:|---:|---:|---:|");
		summaries.forEach((route, s) -> line(String.format("| %s | %d | %s | %.1f | %.1f | %.1f | %.1f |", route,
				s.count(), s.statuses(), s.p50Millis(), s.p95Millis(), s.p99Millis(), s.maxMillis())));
	}

	boolean passed() {
		return this.failures.isEmpty();
	}

	List<String> failures() {
		return this.failures;
	}

	void write(Path file) throws IOException {
		Files.write(file, this.lines, StandardCharsets.UTF_8);
		System.out.println("Report: " + file);
	}

}

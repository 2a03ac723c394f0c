package io.atrium.observability;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alert rules in docs/ query only series docs/metrics.md documents (which
 * {@link ObservabilityTests} finds in a running instance's scrape), the dashboard shows every documented meter, and
 * every alert names a runbook that docs/operations.md has.
 */
class MetricsDocTests {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");

	private final MetricsDoc doc = MetricsDoc.read();

	@Test
	void metricsDocListsTheMeters() {
		assertThat(this.doc.meters()).extracting(MetricsDoc.Meter::name)
			.contains("atrium.token.refreshes", "atrium.token.lock.waits", "atrium.token.caller.refreshes",
					"atrium.token.refresh.lag", "atrium.ticket.age", "atrium.upstream.calls", "atrium.upstream.errors",
					"atrium.upstream.retries", "atrium.upstream.replays", "atrium.upstream.rejections",
					"atrium.upstream.breakers.open", "atrium.upstream.quota.peak", "atrium.webhook.deliveries");
	}

	@Test
	void theDashboardQueriesDocumentedSeriesAndShowsEveryDocumentedMeter() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(MetricsDoc.DOCS.resolve("grafana/atrium.json").toFile());
		List<String> queries = dashboard.findValuesAsString("expr");
		assertThat(queries).hasSizeGreaterThan(10);
		Set<String> queried = new LinkedHashSet<>();
		queries.forEach((query) -> queried.addAll(series(query)));
		assertThat(queried).allSatisfy((series) -> assertThat(this.doc.documents(series))
			.as("%s is in docs/metrics.md", series)
			.isTrue());
		assertThat(this.doc.meters()).allSatisfy((meter) -> assertThat(meter.series()).as(meter.name())
			.containsAnyElementsOf(queried));
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyAlertQueriesDocumentedSeriesAndHasARunbook() throws IOException {
		String operations = Files.readString(MetricsDoc.DOCS.resolve("operations.md"));
		Map<String, Object> rules;
		try (Reader reader = Files.newBufferedReader(MetricsDoc.DOCS.resolve("prometheus/alerts.yml"))) {
			rules = new Yaml().load(reader);
		}
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			alerts.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
		for (Map<String, Object> alert : alerts) {
			String name = (String) alert.get("alert");
			assertThat(series((String) alert.get("expr"))).as(name)
				.isNotEmpty()
				.allSatisfy((series) -> assertThat(this.doc.documents(series)).as("%s of %s is in docs/metrics.md",
						series, name)
					.isTrue());
			Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
			assertThat(annotations.get("summary")).as(name).isNotBlank();
			String runbook = annotations.get("runbook_url");
			assertThat(runbook).as(name).startsWith("docs/operations.md#runbook-");
			assertThat(operations).as("the runbook of " + name)
				.contains("<a id=\"" + runbook.substring(runbook.indexOf('#') + 1) + "\"></a>");
		}
	}

	@Test
	void seriesAreFoundInQueries() {
		assertThat(series("sum by (kind, outcome) (rate(atrium_token_refreshes_seconds_count{kind=\"a\"}[5m])) > 0.1"))
			.containsExactly("atrium_token_refreshes_seconds_count");
		assertThat(series("max(a_b) / sum without (x) (c_total) or up{job=\"atrium\"} == 0"))
			.containsExactly("a_b", "c_total", "up");
	}

	/**
	 * The series a PromQL expression reads: its identifiers once label matchers, strings, ranges, grouping clauses,
	 * functions and keywords are taken out.
	 */
	static Set<String> series(String query) {
		String bare = query.replaceAll("\"[^\"]*\"", "")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> series = new LinkedHashSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			String name = identifier.group();
			boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
			if (!function && !PROMQL_WORDS.contains(name.toLowerCase()) && !isNumber(bare, identifier.start())) {
				series.add(name);
			}
		}
		return series;
	}

	/** An identifier that is part of a number (1e3) or a duration (5m) is not a series. */
	private static boolean isNumber(String text, int start) {
		return start > 0 && Character.isDigit(text.charAt(start - 1));
	}

}

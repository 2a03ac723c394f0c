package io.atrium.console.dashboard;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.atrium.upstream.UpstreamUsage;
import io.atrium.usage.UsageDays;
import io.atrium.usage.UsageDays.Series;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The dashboard's four charts as JSON for their {@code data-chart} attributes (the CSP allows no inline script):
 * the days' labels and, per series, its label in the user's language and one value per day. Drawn by
 * {@code /assets/js/dashboard-charts.js}.
 */
@Component
class UsageCharts {

	private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd");

	/** Share of the daily limit drawn as a dashed line on the quota chart: where the operations list says "near". */
	private static final long NEAR_QUOTA_PERCENT = UpstreamUsage.NEAR_QUOTA_PERCENT;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final MessageSource messages;

	UsageCharts(MessageSource messages) {
		this.messages = messages;
	}

	List<Chart> charts(UsageDays usage) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Chart> charts = new ArrayList<>();
		charts.add(chart("calls", usage, usage.calls(), null, (key) -> key, null, locale));
		charts.add(chart("errors", usage, usage.errors(), null, (key) -> errcode(key, locale), null, locale));
		charts.add(chart("refreshes", usage, usage.refreshes(), null, (key) -> outcome(key, locale), null, locale));
		// Quota use: the busiest account's calls of each API as a share of Atrium's daily limit.
		List<Series> percents = usage.peaks()
			.stream()
			.map((series) -> new Series(series.key(), series.values()
				.stream()
				.map((calls) -> (usage.perDayLimit() > 0) ? Math.round(100.0 * calls / usage.perDayLimit()) : 0L)
				.toList()))
			.toList();
		// The calls behind each percentage go along, for the legend's readers and the tests.
		charts.add(chart("quota", usage, percents, usage.peaks(), (key) -> key, NEAR_QUOTA_PERCENT, locale));
		return charts;
	}

	private Chart chart(String name, UsageDays usage, List<Series> series, List<Series> counts,
			Function<String, String> label, Long threshold, Locale locale) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("days", usage.days().stream().map(Object::toString).toList());
		data.put("labels", usage.days().stream().map(LABEL::format).toList());
		data.put("unit", (threshold != null) ? "%" : "");
		List<Map<String, Object>> lines = new ArrayList<>();
		for (int i = 0; i < series.size(); i++) {
			Series each = series.get(i);
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("key", each.key());
			line.put("label", label.apply(each.key()));
			line.put("values", each.values());
			if (counts != null) {
				line.put("counts", counts.get(i).values());
			}
			lines.add(line);
		}
		data.put("series", lines);
		if (threshold != null) {
			data.put("threshold", threshold);
			data.put("thresholdLabel", this.messages.getMessage("dashboard.charts.quota.threshold",
					new Object[] { threshold }, locale));
		}
		data.put("dayLabel", this.messages.getMessage("dashboard.charts.day", null, locale));
		return new Chart(name, json.writeValueAsString(data), lines.isEmpty());
	}

	private String errcode(String key, Locale locale) {
		return "none".equals(key) ? this.messages.getMessage("dashboard.errcode.none", null, locale) : key;
	}

	/** {@code authorizer:ok} as "公众号 成功", {@code component:errcode-61023} as "第三方平台 errcode 61023". */
	private String outcome(String key, Locale locale) {
		int colon = key.indexOf(':');
		String kind = (colon > 0) ? key.substring(0, colon) : key;
		String outcome = (colon > 0) ? key.substring(colon + 1) : "";
		String kindLabel = this.messages.getMessage("dashboard.charts.refreshes.kind." + kind, null, kind, locale);
		String outcomeLabel = outcome.startsWith("errcode-") ? "errcode " + outcome.substring("errcode-".length())
				: this.messages.getMessage("dashboard.charts.refreshes.outcome." + outcome, null, outcome, locale);
		return kindLabel + " " + outcomeLabel;
	}

	/**
	 * One chart.
	 *
	 * @param name its name: calls, errors, refreshes, quota (element id {@code chart-<name>}, message keys)
	 * @param json its data for {@code data-chart}
	 * @param empty whether nothing was counted on any of the days
	 */
	record Chart(String name, String json, boolean empty) {

	}

}

package io.atrium.usage;

import java.util.Locale;

/** What a {@code usage_day} row counts; its name is the row's {@code metric}. */
enum UsageMetric {

	/** Attempts sent to WeChat, per API key. */
	CALLS,

	/** Upstream errors, per errcode ({@code none}: no answer in WeChat's protocol). */
	ERRORS,

	/** Token refreshes, per {@code <kind>:<outcome>}. */
	REFRESHES,

	/** The most calls one account made of an API, per API key. */
	PEAK;

	String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	static UsageMetric of(String column) {
		return valueOf(column.toUpperCase(Locale.ROOT));
	}

}

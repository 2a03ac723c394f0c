package io.atrium.content.index;

import java.time.LocalDate;

import io.atrium.upstream.WeChatDay;

/**
 * What to look for among posts: a substring of a title, author or digest (Chinese included, case ignored) and a
 * range of publication days, as WeChat's days are counted (China time), both ends included.
 *
 * @param q the substring, or null for every post
 * @param from the first day, or null
 * @param to the last day, or null
 * @param sort the order
 */
public record PostQuery(String q, LocalDate from, LocalDate to, PostSort sort) {

	/** Longer queries are refused: no title is that long, and a trigram search of one is only cost. */
	public static final int MAX_QUERY_LENGTH = 100;

	public static final PostQuery ALL = new PostQuery(null, null, null, PostSort.NEWEST);

	/**
	 * @throws IllegalArgumentException when the query is longer than {@value #MAX_QUERY_LENGTH} characters or the
	 * range ends before it starts
	 */
	public PostQuery {
		q = (q == null || q.isBlank()) ? null : q.strip();
		if (q != null && q.length() > MAX_QUERY_LENGTH) {
			throw new IllegalArgumentException("q must be at most " + MAX_QUERY_LENGTH + " characters");
		}
		if (from != null && to != null && to.isBefore(from)) {
			throw new IllegalArgumentException("to must not be before from");
		}
		sort = (sort != null) ? sort : PostSort.NEWEST;
	}

	public boolean filters() {
		return this.q != null || this.from != null || this.to != null;
	}

	/** The first Unix second of {@link #from}, in China time, or null. */
	Long fromSecond() {
		return (this.from != null) ? this.from.atStartOfDay(WeChatDay.ZONE).toEpochSecond() : null;
	}

	/** The first Unix second after {@link #to}, or null. */
	Long untilSecond() {
		return (this.to != null) ? this.to.plusDays(1).atStartOfDay(WeChatDay.ZONE).toEpochSecond() : null;
	}

}

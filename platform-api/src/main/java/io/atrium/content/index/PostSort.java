package io.atrium.content.index;

import java.util.Locale;

/** The order of a list of posts from the index. */
public enum PostSort {

	NEWEST("p.update_time desc, p.appid, p.article_id"),

	OLDEST("p.update_time asc, p.appid, p.article_id"),

	TITLE("p.title, p.update_time desc, p.appid, p.article_id");

	private final String orderBy;

	PostSort(String orderBy) {
		this.orderBy = orderBy;
	}

	String orderBy() {
		return this.orderBy;
	}

	/**
	 * @throws IllegalArgumentException for anything but {@code newest}, {@code oldest} or {@code title}
	 */
	public static PostSort of(String name) {
		if (name == null || name.isBlank()) {
			return NEWEST;
		}
		for (PostSort sort : values()) {
			if (sort.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
				return sort;
			}
		}
		throw new IllegalArgumentException("sort must be newest, oldest or title");
	}

}

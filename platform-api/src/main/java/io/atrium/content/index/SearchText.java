package io.atrium.content.index;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The searched text of a post or material and its pairs of consecutive characters ({@code grams}), as the index
 * stores them and a query looks them up (V10__content_index.sql): lower case, so that a search ignores case with
 * LIKE; pairs, so that a two-character Chinese query finds its rows in a GIN index.
 */
final class SearchText {

	/** Between a post's fields: no pair spans it, and no query can contain it. */
	private static final String SEPARATOR = "\n";

	private SearchText() {
	}

	static String of(Collection<String> fields) {
		return fields.stream()
			.filter((field) -> field != null && !field.isBlank())
			.map((field) -> field.replace(SEPARATOR, " ").toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(SEPARATOR));
	}

	/** The distinct pairs of consecutive characters (code points) of a text, none across a separator. */
	static Set<String> grams(String text) {
		Set<String> grams = new LinkedHashSet<>();
		int[] points = text.toLowerCase(Locale.ROOT).codePoints().toArray();
		for (int i = 0; i + 1 < points.length; i++) {
			if (points[i] != '\n' && points[i + 1] != '\n') {
				grams.add(new String(points, i, 2));
			}
		}
		return grams;
	}

	/** A query as a LIKE pattern for a substring, in lower case; its own % and _ match themselves. */
	static String like(String query) {
		return "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	/** PostgreSQL's text[] literal of these strings, each quoted. */
	static String array(Collection<String> values) {
		return values.stream()
			.map((value) -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(",", "{", "}"));
	}

}

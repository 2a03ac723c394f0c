package io.atrium.content;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of the next page of a list: the caller walks every page by following {@code next_cursor}
 * without offset arithmetic. It encodes the list, the next offset, the page size and the list's qualifier
 * ({@code withContent} for articles, {@code type} for materials), so a cursor alone names the next request. It
 * is not a secret and grants nothing: the account check runs again on every page.
 */
record ContentCursor(String list, int offset, int count, String qualifier) {

	static final String ARTICLES = "articles";

	static final String MATERIALS = "materials";

	private static final String VERSION = "v1";

	/** The cursor after a page, or null when the page was the last. */
	static String next(String list, int offset, int count, String qualifier, Integer itemCount, Integer totalCount) {
		if (itemCount == null || totalCount == null || itemCount <= 0 || offset + itemCount >= totalCount) {
			return null;
		}
		return new ContentCursor(list, offset + itemCount, count, qualifier).encode();
	}

	String encode() {
		String plain = String.join("|", VERSION, this.list, Integer.toString(this.offset),
				Integer.toString(this.count), this.qualifier);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws InvalidContentRequestException when the cursor was not made by {@link #next} for this list
	 */
	static ContentCursor decode(String cursor, String list) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|",
					-1);
			if (parts.length == 5 && VERSION.equals(parts[0]) && list.equals(parts[1])) {
				return new ContentCursor(list, Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), parts[4]);
			}
		}
		catch (IllegalArgumentException ex) {
			// Base64 or number: the same answer as any other foreign cursor.
		}
		throw new InvalidContentRequestException("cursor", "cursor is not a cursor of this " + list + " list");
	}

}

package io.atrium.content;

/**
 * Where the next page of a list starts: the list, the account it was minted for, the next offset, the page size
 * and the list's qualifier ({@code withContent} for articles, {@code type} for materials). Callers see it only as
 * the opaque, signed text {@link ContentCursors} makes of it.
 */
public record ContentCursor(String list, String appId, int offset, int count, String qualifier) {

	public static final String ARTICLES = "articles";

	public static final String MATERIALS = "materials";

}

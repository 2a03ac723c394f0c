package io.atrium.sandbox.content;

/**
 * How much content to seed for one account: published posts (freepublish) and permanent materials per type.
 *
 * @param posts published posts, each with one to four news articles
 * @param images image materials
 * @param voices voice materials
 * @param videos video materials
 * @param news news (图文) materials
 */
public record ContentSpec(int posts, int images, int voices, int videos, int news) {

	/** Upper bound per kind: content is generated eagerly and kept in memory. */
	static final int MAX_PER_KIND = 10_000;

	private static final ContentSpec DEFAULTS = new ContentSpec(24, 12, 4, 3, 6);

	private static final ContentSpec NONE = new ContentSpec(0, 0, 0, 0, 0);

	public ContentSpec {
		check("posts", posts);
		check("images", images);
		check("voices", voices);
		check("videos", videos);
		check("news", news);
	}

	/** 24 posts, 12 images, 4 voices, 3 videos and 6 news materials. */
	public static ContentSpec defaults() {
		return DEFAULTS;
	}

	/** An account with nothing published and no materials. */
	public static ContentSpec none() {
		return NONE;
	}

	/** The number of materials of the given type. */
	public int count(MaterialType type) {
		return switch (type) {
			case IMAGE -> this.images;
			case VOICE -> this.voices;
			case VIDEO -> this.videos;
			case NEWS -> this.news;
		};
	}

	private static void check(String name, int value) {
		if (value < 0 || value > MAX_PER_KIND) {
			throw new IllegalArgumentException(name + " must be between 0 and " + MAX_PER_KIND + ", was " + value);
		}
	}

}

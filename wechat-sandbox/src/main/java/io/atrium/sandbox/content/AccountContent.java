package io.atrium.sandbox.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The seeded content of one fake merchant account: published posts (freepublish) and permanent materials.
 * Generated from the authorizer appid alone, so the same appid and {@link ContentSpec} give the same content on
 * every JVM, and different appids give different content. Immutable and thread-safe: generate it once per
 * account and keep it.
 *
 * <p>
 * What the content holds for consumers to test against:
 * <ul>
 * <li>Posts are newest first, one to three days apart, the newest one to three days before
 * 2026-11-01T00:00+08:00. Every
 * third post (the 3rd, 6th, ...) has two to four articles, whose digests are empty as WeChat returns them.</li>
 * <li>The headline of the second post carries {@code <script>alert('xss')</script>} and
 * {@code <img src=x onerror=alert(document.cookie)>} in its HTML body. Real WeChat strips JavaScript from
 * article content; the sandbox deliberately does not, so that a consumer's HTML sanitizer gets exercised. No
 * other article or material carries script.</li>
 * <li>In accounts of ten posts or more, the headline of the tenth post has {@code is_deleted: true}.</li>
 * <li>Every image URL ({@code thumb_url}, inline {@code <img>} in the body, image materials' {@code url}) points
 * under the image base URL and is rendered by {@link ImageRenderer}.</li>
 * </ul>
 */
public final class AccountContent {

	private final String appId;

	private final ContentSpec spec;

	private final List<Publication> publications;

	private final Map<String, Publication> publicationsById;

	private final List<Material.Image> images;

	private final List<Material.Voice> voices;

	private final List<Material.Video> videos;

	private final List<Material.News> news;

	private AccountContent(String appId, ContentSpec spec, ContentGenerator generator) {
		this.appId = appId;
		this.spec = spec;
		this.publications = List.copyOf(generator.publications(spec.posts()));
		this.publicationsById = Map
			.copyOf(this.publications.stream().collect(Collectors.toMap(Publication::articleId, Function.identity())));
		this.images = List.copyOf(generator.images(spec.images()));
		this.voices = List.copyOf(generator.voices(spec.voices()));
		this.videos = List.copyOf(generator.videos(spec.videos()));
		this.news = List.copyOf(generator.news(spec.news()));
	}

	/**
	 * Generates the content of an account.
	 * @param appId the authorizer appid, 1 to 64 characters {@code [A-Za-z0-9_-]} (it is part of image URLs)
	 * @param spec how much content to seed
	 * @param imageBaseUrl where the sandbox serves {@link ImageRenderer} images, for example
	 * {@code http://127.0.0.1:8089/mmbiz}; a trailing {@code /} is ignored
	 * @return the account's content
	 */
	public static AccountContent generate(String appId, ContentSpec spec, String imageBaseUrl) {
		if (appId == null || !ImageKey.SEGMENT.matcher(appId).matches()) {
			throw new IllegalArgumentException("appId must be 1 to 64 characters [A-Za-z0-9_-], was " + appId);
		}
		if (spec == null) {
			throw new IllegalArgumentException("spec must not be null");
		}
		if (imageBaseUrl == null || imageBaseUrl.isBlank()) {
			throw new IllegalArgumentException("imageBaseUrl must not be blank");
		}
		String base = imageBaseUrl.endsWith("/") ? imageBaseUrl.substring(0, imageBaseUrl.length() - 1)
				: imageBaseUrl;
		return new AccountContent(appId, spec, new ContentGenerator(appId, base));
	}

	public String appId() {
		return this.appId;
	}

	public ContentSpec spec() {
		return this.spec;
	}

	/** The published post with the given {@code article_id}, as {@code freepublish/getarticle} looks it up. */
	public Optional<Publication> article(String articleId) {
		return (articleId != null) ? Optional.ofNullable(this.publicationsById.get(articleId)) : Optional.empty();
	}

	/** Published posts, newest first. */
	List<Publication> publications() {
		return this.publications;
	}

	/** Materials of one type, newest first. */
	List<? extends Material> materials(MaterialType type) {
		return switch (type) {
			case IMAGE -> this.images;
			case VOICE -> this.voices;
			case VIDEO -> this.videos;
			case NEWS -> this.news;
		};
	}

}

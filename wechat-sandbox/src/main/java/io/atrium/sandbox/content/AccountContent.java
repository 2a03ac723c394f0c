package io.atrium.sandbox.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The seeded content of one fake merchant account: published posts (freepublish) and permanent materials.
 * Generated from the authorizer appid alone, so the same appid and {@link ContentSpec} give the same content on
 * every JVM, and different appids give different content. Thread-safe; changed only by the control API (a post
 * published, retitled or deleted, a material deleted), so generate it once per account and keep it.
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

	private final ContentGenerator generator;

	// Replaced whole (copy on write) by the control API's changes, so that a page read never sees half a change.
	private volatile List<Publication> publications;

	private volatile Map<String, Publication> publicationsById;

	private volatile Map<MaterialType, List<? extends Material>> materials;

	private int published;

	private AccountContent(String appId, ContentSpec spec, ContentGenerator generator) {
		this.appId = appId;
		this.spec = spec;
		this.generator = generator;
		setPublications(generator.publications(spec.posts()));
		Map<MaterialType, List<? extends Material>> materials = new EnumMap<>(MaterialType.class);
		materials.put(MaterialType.IMAGE, List.copyOf(generator.images(spec.images())));
		materials.put(MaterialType.VOICE, List.copyOf(generator.voices(spec.voices())));
		materials.put(MaterialType.VIDEO, List.copyOf(generator.videos(spec.videos())));
		materials.put(MaterialType.NEWS, List.copyOf(generator.news(spec.news())));
		this.materials = Collections.unmodifiableMap(materials);
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

	/**
	 * Publishes a post (what a merchant does in WeChat's editor): it becomes the newest, with a new {@code article_id}.
	 * @param title the headline's title
	 * @param author the author, or null for a generated one
	 * @param digest the summary, or null for a generated one
	 * @param updateTime its publication time, in Unix seconds
	 */
	public synchronized Publication publish(String title, String author, String digest, long updateTime) {
		Publication publication = this.generator.published(this.published++, title, author, digest, updateTime);
		List<Publication> changed = new ArrayList<>(this.publications.size() + 1);
		changed.add(publication);
		changed.addAll(this.publications);
		setPublications(changed);
		return publication;
	}

	/** Changes a post's headline title, as an edit after publication does: its {@code update_time} moves. */
	public synchronized Optional<Publication> retitle(String articleId, String title, long updateTime) {
		Publication before = this.publicationsById.get(articleId);
		if (before == null) {
			return Optional.empty();
		}
		List<NewsArticle> articles = new ArrayList<>(before.articles());
		NewsArticle headline = articles.get(0);
		articles.set(0, new NewsArticle(title, headline.author(), headline.digest(), headline.content(),
				headline.contentSourceUrl(), headline.thumbMediaId(), headline.thumbUrl(), headline.showCoverPic(),
				headline.needOpenComment(), headline.onlyFansCanComment(), headline.url(), headline.deleted()));
		Publication after = new Publication(articleId, updateTime, articles);
		setPublications(this.publications.stream().map((p) -> p.articleId().equals(articleId) ? after : p).toList());
		return Optional.of(after);
	}

	/** Deletes a post ({@code freepublish/delete}): no longer listed, and getarticle answers 53600. */
	public synchronized boolean withdraw(String articleId) {
		if (!this.publicationsById.containsKey(articleId)) {
			return false;
		}
		setPublications(this.publications.stream().filter((p) -> !p.articleId().equals(articleId)).toList());
		return true;
	}

	/** Deletes a permanent material ({@code material/del_material}): no longer listed. */
	public synchronized boolean removeMaterial(String mediaId) {
		Map<MaterialType, List<? extends Material>> changed = new EnumMap<>(MaterialType.class);
		boolean found = false;
		for (Map.Entry<MaterialType, List<? extends Material>> entry : this.materials.entrySet()) {
			List<? extends Material> kept = entry.getValue()
				.stream()
				.filter((material) -> !material.mediaId().equals(mediaId))
				.toList();
			found |= kept.size() != entry.getValue().size();
			changed.put(entry.getKey(), kept);
		}
		this.materials = Collections.unmodifiableMap(changed);
		return found;
	}

	/** Published posts, newest first. */
	List<Publication> publications() {
		return this.publications;
	}

	/** A permanent material by its {@code media_id}, as {@code material/get_material} looks it up. */
	Optional<Material> material(String mediaId) {
		return this.materials.values()
			.stream()
			.flatMap(List::stream)
			.filter((material) -> material.mediaId().equals(mediaId))
			.map(Material.class::cast)
			.findFirst();
	}

	/** Materials of one type, newest first. */
	List<? extends Material> materials(MaterialType type) {
		return this.materials.get(type);
	}

	private void setPublications(List<Publication> publications) {
		List<Publication> copy = List.copyOf(publications);
		this.publicationsById = Map
			.copyOf(copy.stream().collect(Collectors.toMap(Publication::articleId, Function.identity())));
		this.publications = copy;
	}

}

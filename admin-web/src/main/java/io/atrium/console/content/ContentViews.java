package io.atrium.console.content;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.atrium.console.image.ImageProxyLinks;
import io.atrium.content.MaterialItem;
import io.atrium.content.NewsItem;
import io.atrium.content.PublishedItem;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the content pages show of WeChat's answers: images already as links to the console's image proxy, article
 * HTML already sanitized.
 */
public final class ContentViews {

	private ContentViews() {
	}

	/**
	 * A published post in the list: its headline article.
	 *
	 * @param articleId the post's id
	 * @param title the headline
	 * @param author the headline's author
	 * @param updated when the post was last changed, or null
	 * @param cover the cover's proxy link, or null
	 * @param articles how many articles the post has
	 * @param url the headline's link at WeChat (its {@code url}), or null when it is not an http(s) link
	 */
	public record Post(String articleId, String title, String author, Instant updated, String cover, int articles,
			String url) {

		static Post of(PublishedItem item) {
			List<NewsItem> news = (item.content() != null) ? item.content().newsItem() : List.of();
			NewsItem headline = news.isEmpty() ? null : news.get(0);
			return new Post(item.articleId(), (headline != null) ? headline.title() : null,
					(headline != null) ? headline.author() : null, seconds(item.updateTime()),
					(headline != null) ? proxied(headline.thumbUrl()) : null, news.size(),
					(headline != null) ? link(headline.url()) : null);
		}

	}

	/**
	 * One article of a post, for the article view.
	 *
	 * @param title the title
	 * @param author the author
	 * @param digest the summary
	 * @param cover the cover's proxy link, or null
	 * @param html the body, sanitized: the only HTML a content page writes unescaped
	 * @param url the article's link at WeChat, or null when it is not an http(s) link
	 */
	public record Article(String title, String author, String digest, String cover, String html, String url) {

		static Article of(NewsItem item, ArticleSanitizer sanitizer) {
			return new Article(item.title(), item.author(), item.digest(), proxied(item.thumbUrl()),
					sanitizer.sanitize(item.content()), link(item.url()));
		}

	}

	/**
	 * A permanent material.
	 *
	 * @param mediaId the media id
	 * @param name the file name, or a news material's headline
	 * @param updated when it was last changed, or null
	 * @param image an image's (or a news material's cover's) proxy link, or null
	 * @param description a video's description, or null
	 * @param media the console's link to a voice's or a video's own bytes (through Atrium, access-checked), or null
	 * @param page the console's page of a news material's articles, or null
	 */
	public record Material(String mediaId, String name, Instant updated, String image, String description,
			String media, String page) {

		/**
		 * @param appId the account
		 * @param type the list's material type: only an image's {@code url} is a picture (a voice's is its
		 * recording)
		 */
		static Material of(String appId, String type, MaterialItem item) {
			String name = item.name();
			String image = "image".equals(type) ? proxied(item.url()) : null;
			if (item.content() != null && !item.content().newsItem().isEmpty()) {
				NewsItem headline = item.content().newsItem().get(0);
				name = (name != null) ? name : headline.title();
				image = (image != null) ? image : proxied(headline.thumbUrl());
			}
			String base = UriComponentsBuilder.fromPath("/accounts/{appId}/materials/{mediaId}")
				.buildAndExpand(appId, item.mediaId())
				.encode()
				.toUriString();
			boolean playable = "voice".equals(type) || "video".equals(type);
			return new Material(item.mediaId(), name, seconds(item.updateTime()), image, item.description(),
					playable ? base + "/media" : null, "news".equals(type) ? base : null);
		}

	}

	static String proxied(String url) {
		return (url != null && !url.isBlank()) ? ImageProxyLinks.of(url) : null;
	}

	/** A link of WeChat's for a page's {@code href}: http(s) only, so that no {@code javascript:} URL gets in. */
	static String link(String url) {
		if (url == null) {
			return null;
		}
		String lower = url.strip().toLowerCase(Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? url.strip() : null;
	}

	static Instant seconds(Long unix) {
		return (unix != null) ? Instant.ofEpochSecond(unix) : null;
	}

}

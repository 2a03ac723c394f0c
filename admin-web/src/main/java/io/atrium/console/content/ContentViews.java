package io.atrium.console.content;

import java.time.Instant;
import java.util.List;

import io.atrium.console.image.ImageProxyLinks;
import io.atrium.content.MaterialItem;
import io.atrium.content.NewsItem;
import io.atrium.content.PublishedItem;

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
	 */
	public record Post(String articleId, String title, String author, Instant updated, String cover, int articles) {

		static Post of(PublishedItem item) {
			List<NewsItem> news = (item.content() != null) ? item.content().newsItem() : List.of();
			NewsItem headline = news.isEmpty() ? null : news.get(0);
			return new Post(item.articleId(), (headline != null) ? headline.title() : null,
					(headline != null) ? headline.author() : null, seconds(item.updateTime()),
					(headline != null) ? proxied(headline.thumbUrl()) : null, news.size());
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
	 */
	public record Article(String title, String author, String digest, String cover, String html) {

		static Article of(NewsItem item, ArticleSanitizer sanitizer) {
			return new Article(item.title(), item.author(), item.digest(), proxied(item.thumbUrl()),
					sanitizer.sanitize(item.content()));
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
	 */
	public record Material(String mediaId, String name, Instant updated, String image, String description) {

		/**
		 * @param type the list's material type: only an image's {@code url} is a picture (a voice's is its
		 * recording)
		 */
		static Material of(String type, MaterialItem item) {
			String name = item.name();
			String image = "image".equals(type) ? proxied(item.url()) : null;
			if (item.content() != null && !item.content().newsItem().isEmpty()) {
				NewsItem headline = item.content().newsItem().get(0);
				name = (name != null) ? name : headline.title();
				image = (image != null) ? image : proxied(headline.thumbUrl());
			}
			return new Material(item.mediaId(), name, seconds(item.updateTime()), image, item.description());
		}

	}

	/**
	 * Server-side paging by offset.
	 *
	 * @param offset the first item's offset
	 * @param size the page size
	 * @param total how many items there are
	 */
	static String proxied(String url) {
		return (url != null && !url.isBlank()) ? ImageProxyLinks.of(url) : null;
	}

	static Instant seconds(Long unix) {
		return (unix != null) ? Instant.ofEpochSecond(unix) : null;
	}

}

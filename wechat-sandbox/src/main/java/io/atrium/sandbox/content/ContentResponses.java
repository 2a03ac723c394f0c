package io.atrium.sandbox.content;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies WeChat answers the content APIs with (protocol reference §2), for requests the caller has
 * already validated: {@code count} 1..20, {@code offset >= 0}, a known material type, a permitted token. Field
 * names and order follow the official examples; every call builds new nodes the caller may change.
 */
public final class ContentResponses {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private ContentResponses() {
	}

	/**
	 * {@code POST /cgi-bin/freepublish/batchget}: {@code {"total_count","item_count","item":[{"article_id",
	 * "content":{"news_item":[..]},"update_time"}]}}. An offset past the end gives an empty {@code item} array.
	 * @param noContent {@code no_content=1}: leave out each article's {@code content} (HTML body), nothing else
	 */
	public static ObjectNode freepublishBatchget(AccountContent account, int offset, int count, boolean noContent) {
		return page(account.publications(), offset, count, (publication) -> {
			ObjectNode item = nodes.objectNode();
			item.put("article_id", publication.articleId());
			item.putObject("content").set("news_item", publishedArticles(publication, !noContent));
			item.put("update_time", publication.updateTime());
			return item;
		});
	}

	/**
	 * {@code POST /cgi-bin/freepublish/getarticle}: {@code {"news_item":[..]}}, or empty for an unknown
	 * {@code article_id} (WeChat answers {@code 53600 Article ID 无效}).
	 */
	public static Optional<ObjectNode> freepublishGetarticle(AccountContent account, String articleId) {
		return account.article(articleId).map((publication) -> {
			ObjectNode response = nodes.objectNode();
			response.set("news_item", publishedArticles(publication, true));
			return response;
		});
	}

	/**
	 * {@code POST /cgi-bin/material/batchget_material}: {@code {"total_count","item_count","item":[..]}}. Items
	 * are {@code {media_id,name,update_time,url}} for images and voices (as the material seed lists them), with
	 * {@code description} and {@code tags} instead of {@code url} for videos (as real answers have them), and
	 * {@code {media_id,content:{news_item,create_time,update_time},update_time}} for news.
	 */
	public static ObjectNode batchgetMaterial(AccountContent account, MaterialType type, int offset, int count) {
		return page(account.materials(type), offset, count, ContentResponses::materialItem);
	}

	/**
	 * {@code POST /cgi-bin/material/get_material} of a permanent material, or empty for an unknown {@code media_id}
	 * (WeChat answers {@code 40007 invalid media_id}): an image's or a voice's file, a video's
	 * {@code {"title","description","down_url"}} (the download needs no token, {@link VideoRecording}), a news
	 * material's {@code {"news_item":[..]}}.
	 */
	public static Optional<MaterialAnswer> getMaterial(AccountContent account, String mediaId, ImageRenderer images,
			String baseUrl) {
		return account.material(mediaId).map((material) -> {
			if (material instanceof Material.Image image) {
				ImageRenderer.Image file = images.render(URI.create(image.url()).getPath()).orElseThrow();
				return MaterialAnswer.file(file.contentType(), file.bytes(),
						mediaId + (file.contentType().endsWith("png") ? ".png" : ".jpg"));
			}
			if (material instanceof Material.Voice) {
				return MaterialAnswer.file("audio/mpeg", VoiceRecording.bytes(), mediaId + ".mp3");
			}
			ObjectNode response = nodes.objectNode();
			if (material instanceof Material.Video video) {
				response.put("title", video.name());
				response.put("description", video.description());
				response.put("down_url", VideoRecording.url(baseUrl, account.appId(), mediaId));
			}
			else if (material instanceof Material.News news) {
				response.set("news_item", newsMaterialArticles(news));
			}
			return new MaterialAnswer(response, null, null, null);
		});
	}

	/**
	 * What {@link #getMaterial} answers: JSON, or a file with its type and name.
	 *
	 * @param json the JSON answer, or null for a file
	 * @param contentType the file's type
	 * @param bytes the file
	 * @param filename the name WeChat gives it in {@code Content-disposition}
	 */
	public record MaterialAnswer(ObjectNode json, String contentType, byte[] bytes, String filename) {

		static MaterialAnswer file(String contentType, byte[] bytes, String filename) {
			return new MaterialAnswer(null, contentType, bytes, filename);
		}

	}

	/** {@code GET /cgi-bin/material/get_materialcount}. */
	public static ObjectNode materialCount(AccountContent account) {
		ObjectNode response = nodes.objectNode();
		response.put("voice_count", account.materials(MaterialType.VOICE).size());
		response.put("video_count", account.materials(MaterialType.VIDEO).size());
		response.put("image_count", account.materials(MaterialType.IMAGE).size());
		response.put("news_count", account.materials(MaterialType.NEWS).size());
		return response;
	}

	private static <T> ObjectNode page(List<T> all, int offset, int count, Function<T, JsonNode> item) {
		if (offset < 0 || count < 1) {
			throw new IllegalArgumentException("Expected offset >= 0 and count >= 1, got " + offset + ", " + count);
		}
		int from = Math.min(offset, all.size());
		int to = (int) Math.min((long) from + count, all.size());
		ObjectNode response = nodes.objectNode();
		response.put("total_count", all.size());
		response.put("item_count", to - from);
		ArrayNode items = response.putArray("item");
		for (T value : all.subList(from, to)) {
			items.add(item.apply(value));
		}
		return response;
	}

	private static ArrayNode publishedArticles(Publication publication, boolean withContent) {
		ArrayNode newsItems = nodes.arrayNode();
		for (NewsArticle article : publication.articles()) {
			ObjectNode item = newsItems.addObject();
			item.put("title", article.title());
			item.put("author", article.author());
			item.put("digest", article.digest());
			if (withContent) {
				item.put("content", article.content());
			}
			item.put("content_source_url", article.contentSourceUrl());
			item.put("thumb_media_id", article.thumbMediaId());
			item.put("thumb_url", article.thumbUrl());
			item.put("show_cover_pic", flag(article.showCoverPic()));
			item.put("need_open_comment", flag(article.needOpenComment()));
			item.put("only_fans_can_comment", flag(article.onlyFansCanComment()));
			item.put("url", article.url());
			item.put("is_deleted", article.deleted());
		}
		return newsItems;
	}

	private static JsonNode materialItem(Material material) {
		ObjectNode item = nodes.objectNode();
		item.put("media_id", material.mediaId());
		if (material instanceof Material.Image image) {
			item.put("name", image.name());
			item.put("update_time", image.updateTime());
			item.put("url", image.url());
		}
		else if (material instanceof Material.Voice voice) {
			item.put("name", voice.name());
			item.put("update_time", voice.updateTime());
			item.put("url", voice.url());
		}
		else if (material instanceof Material.Video video) {
			item.put("name", video.name());
			item.put("update_time", video.updateTime());
			item.put("description", video.description());
			ArrayNode tags = item.putArray("tags");
			video.tags().forEach(tags::add);
		}
		else if (material instanceof Material.News news) {
			ObjectNode content = item.putObject("content");
			content.set("news_item", newsMaterialArticles(news));
			content.put("create_time", news.createTime());
			content.put("update_time", news.updateTime());
			item.put("update_time", news.updateTime());
		}
		return item;
	}

	private static ArrayNode newsMaterialArticles(Material.News news) {
		ArrayNode newsItems = nodes.arrayNode();
		for (NewsArticle article : news.articles()) {
			ObjectNode item = newsItems.addObject();
			item.put("title", article.title());
			item.put("thumb_media_id", article.thumbMediaId());
			item.put("show_cover_pic", flag(article.showCoverPic()));
			item.put("author", article.author());
			item.put("digest", article.digest());
			item.put("content", article.content());
			item.put("url", article.url());
			item.put("content_source_url", article.contentSourceUrl());
			item.put("need_open_comment", flag(article.needOpenComment()));
			item.put("only_fans_can_comment", flag(article.onlyFansCanComment()));
			item.put("thumb_url", article.thumbUrl());
		}
		return newsItems;
	}

	private static int flag(boolean value) {
		return value ? 1 : 0;
	}

}

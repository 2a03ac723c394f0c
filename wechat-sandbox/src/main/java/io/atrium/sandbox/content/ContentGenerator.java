package io.atrium.sandbox.content;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates one account's content. Every item draws from its own random source, seeded by (appid, kind, index),
 * so an item does not change when the {@link ContentSpec} grows or shrinks; only the timeline is cumulative.
 */
final class ContentGenerator {

	/** The newest item of every list is published just before this instant. */
	static final long BASE_TIME = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toEpochSecond();

	/** The post (zero-based) whose headline carries the script fragments, see {@link AccountContent}. */
	static final int SCRIPT_POST = 1;

	/** The post (zero-based) whose headline is marked deleted; smaller accounts have no deleted article. */
	static final int DELETED_POST = 9;

	static final String SCRIPT_FRAGMENT = "<script>alert('xss')</script>";

	static final String ONERROR_FRAGMENT = "<img src=x onerror=alert(document.cookie)>";

	private static final long DAY = 24 * 60 * 60;

	private static final String POST = "post";

	private static final String NEWS = "news";

	private final String appId;

	private final String imageBaseUrl;

	/** The account's {@code __biz}, in its permanent article links: the Base64 of a ten-digit uin. */
	private final String biz;

	ContentGenerator(String appId, String imageBaseUrl) {
		this.appId = appId;
		this.imageBaseUrl = imageBaseUrl;
		long uin = 3_000_000_000L + Math.floorMod(Seeds.random(appId, "uin").nextLong(), 1_000_000_000L);
		this.biz = Base64.getEncoder().encodeToString(Long.toString(uin).getBytes(StandardCharsets.US_ASCII));
	}

	List<Publication> publications(int count) {
		long[] times = timeline(POST, count);
		List<Publication> publications = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SplittableRandom random = Seeds.random(this.appId, POST, i);
			// About a third of the posts carry several articles, at fixed positions so every account has some.
			int articles = (i % 3 == 2) ? 2 + random.nextInt(3) : 1;
			List<NewsArticle> items = new ArrayList<>(articles);
			for (int k = 0; k < articles; k++) {
				items.add(article(POST, i, k, articles > 1));
			}
			publications.add(new Publication(Seeds.id(32, this.appId, "article_id", i), times[i], items));
		}
		return publications;
	}

	/**
	 * A post published after the seed (sandbox control): generated as the seeded ones are, with the given headline.
	 */
	Publication published(int sequence, String title, String author, String digest, long updateTime) {
		NewsArticle generated = article("published", sequence, 0, false);
		NewsArticle headline = new NewsArticle(title, (author != null) ? author : generated.author(),
				(digest != null) ? digest : generated.digest(), generated.content(), generated.contentSourceUrl(),
				generated.thumbMediaId(), generated.thumbUrl(), generated.showCoverPic(), generated.needOpenComment(),
				generated.onlyFansCanComment(), generated.url(), false);
		return new Publication(Seeds.id(32, this.appId, "published", sequence), updateTime, List.of(headline));
	}

	List<Material.Image> images(int count) {
		long[] times = timeline(MaterialType.IMAGE.wireValue(), count);
		List<Material.Image> images = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SplittableRandom random = Seeds.random(this.appId, "image", i);
			ImageKey.Format format = random.nextBoolean() ? ImageKey.Format.PNG : ImageKey.Format.JPEG;
			String extension = (format == ImageKey.Format.PNG) ? "png" : "jpg";
			images.add(new Material.Image(mediaId(MaterialType.IMAGE, i),
					Lexicon.fileName(MaterialType.IMAGE, i, extension), times[i],
					imageUrl(format, ImageKey.Shape.SQUARE, "image", i)));
		}
		return images;
	}

	List<Material.Voice> voices(int count) {
		long[] times = timeline(MaterialType.VOICE.wireValue(), count);
		List<Material.Voice> voices = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String name = Lexicon.fileName(MaterialType.VOICE, i, "mp3");
			voices.add(new Material.Voice(mediaId(MaterialType.VOICE, i), name, times[i],
					VoiceRecording.url(this.imageBaseUrl, this.appId, Seeds.id(24, this.appId, "voice", i))));
		}
		return voices;
	}

	List<Material.Video> videos(int count) {
		long[] times = timeline(MaterialType.VIDEO.wireValue(), count);
		List<Material.Video> videos = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SplittableRandom random = Seeds.random(this.appId, "video", i);
			String name = Lexicon.fileName(MaterialType.VIDEO, i, "mp4");
			videos.add(new Material.Video(mediaId(MaterialType.VIDEO, i), name, times[i], Lexicon.videoDescription(i),
					Lexicon.tags(random)));
		}
		return videos;
	}

	List<Material.News> news(int count) {
		long[] times = timeline(NEWS, count);
		List<Material.News> news = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SplittableRandom random = Seeds.random(this.appId, NEWS, i);
			int articles = (i % 3 == 1) ? 2 + random.nextInt(2) : 1;
			List<NewsArticle> items = new ArrayList<>(articles);
			for (int k = 0; k < articles; k++) {
				items.add(article(NEWS, i, k, articles > 1));
			}
			long created = times[i] - random.nextInt(7 * (int) DAY);
			news.add(new Material.News(mediaId(MaterialType.NEWS, i), items, created, times[i]));
		}
		return news;
	}

	private NewsArticle article(String scope, int index, int position, boolean multi) {
		SplittableRandom random = Seeds.random(this.appId, scope, index, position);
		String title = Lexicon.title(random);
		String author = Lexicon.author(random);
		String digest = multi ? "" : Lexicon.digest(random);
		String bodyImage = imageUrl(ImageKey.Format.PNG, ImageKey.Shape.COVER, scope + "-body", index, position);
		boolean script = scope.equals(POST) && index == SCRIPT_POST && position == 0;
		String content = body(random, bodyImage, script);
		String sourceUrl = random.nextBoolean() ? ""
				: "https://shop.example.com/" + this.appId + "/events/" + (1000 + random.nextInt(9000));
		ImageKey.Format coverFormat = (random.nextInt(4) == 0) ? ImageKey.Format.PNG : ImageKey.Format.JPEG;
		String thumbUrl = imageUrl(coverFormat, ImageKey.Shape.COVER, scope + "-thumb", index, position);
		boolean openComment = random.nextInt(3) > 0;
		boolean fansOnly = openComment && random.nextInt(4) == 0;
		String url = scope.equals(POST) ? temporaryLink(index, position) : permanentLink(random, index, position);
		boolean deleted = scope.equals(POST) && index == DELETED_POST && position == 0;
		return new NewsArticle(title, author, digest, content, sourceUrl,
				Seeds.id(32, this.appId, scope, "thumb_media_id", index, position), thumbUrl, position == 0,
				openComment, fansOnly, url, deleted);
	}

	private String body(SplittableRandom random, String imageUrl, boolean script) {
		StringBuilder html = new StringBuilder("<section style=\"margin: 0 8px; line-height: 1.75;\">");
		html.append("<p>").append(Lexicon.paragraph(random)).append("</p>");
		List<String> highlight = Lexicon.highlight(random);
		html.append("<p><strong>").append(highlight.get(0)).append("</strong>").append(highlight.get(1)).append("</p>");
		html.append("<p style=\"text-align: center;\"><img class=\"rich_pages wxw-img\" data-src=\"")
			.append(imageUrl)
			.append("\" src=\"")
			.append(imageUrl)
			.append("\" data-ratio=\"0.5625\" data-type=\"png\" data-w=\"320\" style=\"width: 100%;\"></p>");
		int paragraphs = 1 + random.nextInt(3);
		for (int i = 0; i < paragraphs; i++) {
			html.append("<p>").append(Lexicon.paragraph(random)).append("</p>");
		}
		if (script) {
			html.append(SCRIPT_FRAGMENT).append("<p>").append(ONERROR_FRAGMENT).append("</p>");
		}
		html.append("<p style=\"color: #888888; font-size: 14px;\">").append(Lexicon.closing(random)).append("</p>");
		return html.append("</section>").toString();
	}

	private String mediaId(MaterialType type, int index) {
		return Seeds.id(32, this.appId, "media_id", type.wireValue(), index);
	}

	private String imageUrl(ImageKey.Format format, ImageKey.Shape shape, Object... parts) {
		String token = Seeds.id(24, this.appId, "image", List.of(parts));
		return new ImageKey(format, this.appId, shape, token).url(this.imageBaseUrl);
	}

	/** A freepublish {@code url}: the doc calls it a temporary link, shaped like a short link. */
	private String temporaryLink(int index, int position) {
		return "https://mp.weixin.qq.com/s/" + Seeds.id(16, this.appId, "link", index, position);
	}

	/** A permanent article link, as news materials carry it. */
	private String permanentLink(SplittableRandom random, int index, int position) {
		long mid = 2_247_483_648L + index;
		return "https://mp.weixin.qq.com/s?__biz=" + this.biz + "&mid=" + mid + "&idx=" + (position + 1) + "&sn="
				+ String.format("%016x%016x", random.nextLong(), random.nextLong()) + "#rd";
	}

	/**
	 * Update times, newest first: each item is one to three days older than the previous one, at a daytime hour
	 * (China time), so the times strictly descend.
	 */
	private long[] timeline(String scope, int count) {
		long[] times = new long[count];
		long days = 0;
		for (int i = 0; i < count; i++) {
			SplittableRandom random = Seeds.random(this.appId, scope, "time", i);
			days += 1 + random.nextInt(3);
			times[i] = BASE_TIME - days * DAY + 8 * 60 * 60 + random.nextInt(14 * 60 * 60);
		}
		return times;
	}

}

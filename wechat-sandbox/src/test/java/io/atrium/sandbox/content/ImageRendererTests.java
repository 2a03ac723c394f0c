package io.atrium.sandbox.content;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ImageRendererTests {

	private static final String BASE = AccountContentTests.BASE;

	private static final Pattern IMAGE_URL = Pattern.compile(Pattern.quote(BASE) + "/mmbiz_[^\"'\\s<>]+");

	private final ImageRenderer renderer = new ImageRenderer();

	@Test
	void everyImageUrlInTheContentRenders() throws IOException {
		AccountContent account = AccountContent.generate(AccountContentTests.APP_ID, ContentSpec.defaults(), BASE);
		Set<String> urls = new TreeSet<>();
		collectImageUrls(ContentResponses.freepublishBatchget(account, 0, 20, false), urls);
		collectImageUrls(ContentResponses.freepublishBatchget(account, 20, 20, false), urls);
		for (MaterialType type : MaterialType.values()) {
			collectImageUrls(ContentResponses.batchgetMaterial(account, type, 0, 20), urls);
		}
		// Covers and inline images of 44 articles, and 12 image materials.
		assertThat(urls).hasSize(2 * AccountContentTests.allArticles(account).size() + 12);
		for (String url : urls) {
			String key = url.substring(BASE.length() + 1);
			ImageRenderer.Image image = this.renderer.render(key).orElseThrow();
			BufferedImage read = ImageIO.read(new ByteArrayInputStream(image.bytes()));
			assertThat(read).as(url).isNotNull();
			boolean cover = key.contains("/cover-");
			assertThat(read.getWidth()).as(url).isEqualTo(cover ? 320 : 200).isEqualTo(image.width());
			assertThat(read.getHeight()).as(url).isEqualTo(cover ? 180 : 200).isEqualTo(image.height());
			assertThat(image.contentType()).isEqualTo(key.startsWith("mmbiz_png/") ? "image/png" : "image/jpeg");
			assertThat(url).endsWith(key.startsWith("mmbiz_png/") ? "?wx_fmt=png" : "?wx_fmt=jpeg");
		}
	}

	@Test
	void thumbnailsAreCoversAndImageMaterialsAreSquare() {
		AccountContent account = AccountContent.generate(AccountContentTests.APP_ID, ContentSpec.defaults(), BASE);
		for (NewsArticle article : AccountContentTests.allArticles(account)) {
			assertThat(this.renderer.render(key(article.thumbUrl())).orElseThrow().width()).isEqualTo(320);
		}
		for (Material image : account.materials(MaterialType.IMAGE)) {
			String url = ((Material.Image) image).url();
			assertThat(this.renderer.render(key(url)).orElseThrow().height()).isEqualTo(200);
		}
	}

	@Test
	void pngAndJpegAreRealImages() throws IOException {
		ImageRenderer.Image png = this.renderer.render("mmbiz_png/wxabc/square-Zm9vYmFy/0").orElseThrow();
		assertThat(png.contentType()).isEqualTo("image/png");
		assertThat(png.bytes()).startsWith(0x89, 'P', 'N', 'G');
		ImageRenderer.Image jpeg = this.renderer.render("mmbiz_jpg/wxabc/cover-Zm9vYmFy/0").orElseThrow();
		assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
		assertThat(jpeg.bytes()).startsWith(0xFF, 0xD8);
		BufferedImage read = ImageIO.read(new ByteArrayInputStream(jpeg.bytes()));
		assertThat(read.getWidth()).isEqualTo(320);
		assertThat(read.getHeight()).isEqualTo(180);
	}

	@Test
	void renderingIsDeterministicAndVariesWithTheKey() {
		String key = "mmbiz_png/wx3a9f5c2e8b7d1046/cover-abc_DEF-123/0";
		ImageRenderer.Image first = this.renderer.render(key).orElseThrow();
		ImageRenderer.Image uncached = new ImageRenderer(0).render(key).orElseThrow();
		assertThat(uncached.bytes()).isEqualTo(first.bytes());
		assertThat(uncached).isEqualTo(first).hasSameHashCodeAs(first);
		ImageRenderer.Image other = this.renderer.render("mmbiz_png/wx3a9f5c2e8b7d1046/cover-abc_DEF-124/0")
			.orElseThrow();
		assertThat(other.bytes()).isNotEqualTo(first.bytes());
	}

	@Test
	void pixelsArePinnedAcrossJvms() throws IOException {
		// Pure integer and StrictMath arithmetic: these may only change on purpose.
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(
				this.renderer.render("mmbiz_png/wx3a9f5c2e8b7d1046/square-pinned/0").orElseThrow().bytes()));
		assertThat(image.getRGB(0, 0)).isEqualTo(0xffca69d1);
		assertThat(image.getRGB(100, 100)).isEqualTo(0xff658a62);
		assertThat(image.getRGB(199, 199)).isEqualTo(0xff7d2343);
	}

	@Test
	void rendersConcurrently() throws Exception {
		ImageRenderer small = new ImageRenderer(4);
		List<String> keys = IntStream.range(0, 16).mapToObj((i) -> "mmbiz_jpg/wxabc/cover-c" + i + "/0").toList();
		Map<String, ImageRenderer.Image> expected = new HashMap<>();
		keys.forEach((key) -> expected.put(key, new ImageRenderer(0).render(key).orElseThrow()));
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				String key = keys.get(i % keys.size());
				results.add(executor.submit(() -> small.render(key).orElseThrow().equals(expected.get(key))));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void imagesHaveSeveralColours() throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(
				this.renderer.render("mmbiz_png/wxabc/cover-colours/0").orElseThrow().bytes()));
		Set<Integer> colours = new TreeSet<>();
		for (int y = 0; y < image.getHeight(); y += 10) {
			for (int x = 0; x < image.getWidth(); x += 10) {
				colours.add(image.getRGB(x, y));
			}
		}
		assertThat(colours).hasSizeGreaterThan(20);
	}

	@Test
	void leadingSlashAndQueryStringAreIgnored() {
		ImageRenderer.Image plain = this.renderer.render("mmbiz_jpg/wxabc/cover-token/0").orElseThrow();
		assertThat(this.renderer.render("/mmbiz_jpg/wxabc/cover-token/0?wx_fmt=jpeg")).contains(plain);
	}

	@Test
	void keysOutsideTheSchemeGiveNothing() {
		List<String> keys = new ArrayList<>(List.of("", "/", "favicon.ico", "mmbiz_gif/wxabc/cover-token/0",
				"mmbiz_png/wxabc/banner-token/0", "mmbiz_png/wxabc/cover-token/1", "mmbiz_png/wxabc/cover-token",
				"mmbiz_png/wxabc/cover-/0", "mmbiz_png/wxabc/-token/0", "mmbiz_png/wx.abc/cover-token/0",
				"mmbiz_png/../cover-token/0", "mmbiz_png/wxabc/cover-tok%2Fen/0", "mmbiz_png//cover-token/0",
				"mmbiz_png/wxabc/cover-token/0/extra", "mmbiz_png/wxabc/cover-" + "x".repeat(65) + "/0"));
		keys.add(null);
		for (String key : keys) {
			assertThat(this.renderer.render(key)).as(String.valueOf(key)).isEmpty();
		}
	}

	@Test
	void returnedBytesAreCopies() {
		ImageRenderer.Image image = this.renderer.render("mmbiz_png/wxabc/square-copy/0").orElseThrow();
		byte[] bytes = image.bytes();
		bytes[0] = 0;
		assertThat(this.renderer.render("mmbiz_png/wxabc/square-copy/0").orElseThrow().bytes()[0])
			.isEqualTo((byte) 0x89);
		assertThat(image.toString()).isEqualTo("Image[image/png, 200x200, " + bytes.length + " bytes]");
	}

	private static String key(String url) {
		return url.substring(BASE.length() + 1);
	}

	private static void collectImageUrls(JsonNode node, Set<String> urls) {
		if (node.isString()) {
			Matcher matcher = IMAGE_URL.matcher(node.asString());
			while (matcher.find()) {
				urls.add(matcher.group());
			}
		}
		node.forEach((child) -> collectImageUrls(child, urls));
	}

}

package io.atrium.sandbox.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ContentResponsesTests {

	/** What both freepublish seeds show (batchget's without thumb_url, getarticle's with it). */
	private static final Set<String> PUBLISHED_FIELDS = Set.of("title", "author", "digest", "content",
			"content_source_url", "thumb_media_id", "thumb_url", "show_cover_pic", "need_open_comment",
			"only_fans_can_comment", "url", "is_deleted");

	private static final Set<String> NEWS_MATERIAL_FIELDS = Set.of("title", "thumb_media_id", "show_cover_pic",
			"author", "digest", "content", "url", "content_source_url", "need_open_comment", "only_fans_can_comment",
			"thumb_url");

	private final AccountContent account = AccountContent.generate(AccountContentTests.APP_ID,
			ContentSpec.defaults(), AccountContentTests.BASE);

	@Test
	void batchgetPagesThroughAllPostsNewestFirst() {
		List<String> ids = new ArrayList<>();
		for (int offset = 0; offset < 24; offset += 10) {
			ObjectNode page = ContentResponses.freepublishBatchget(this.account, offset, 10, false);
			assertThat(page.get("total_count").asInt()).isEqualTo(24);
			int expected = Math.min(10, 24 - offset);
			assertThat(page.get("item_count").asInt()).isEqualTo(expected);
			assertThat(page.get("item")).hasSize(expected);
			page.get("item").forEach((item) -> ids.add(item.get("article_id").asString()));
		}
		assertThat(ids).doesNotHaveDuplicates()
			.containsExactlyElementsOf(this.account.publications().stream().map(Publication::articleId).toList());
	}

	@Test
	void batchgetItemShape() {
		ObjectNode page = ContentResponses.freepublishBatchget(this.account, 0, 1, false);
		assertThat(fieldNames(page)).containsExactly("total_count", "item_count", "item");
		JsonNode item = page.get("item").get(0);
		assertThat(fieldNames(item)).containsExactly("article_id", "content", "update_time");
		assertThat(item.get("update_time").isNumber()).isTrue();
		JsonNode article = item.get("content").get("news_item").get(0);
		assertThat(fieldNames(article)).containsExactlyInAnyOrderElementsOf(PUBLISHED_FIELDS);
		assertThat(article.get("show_cover_pic").isInt()).isTrue();
		assertThat(article.get("need_open_comment").isInt()).isTrue();
		assertThat(article.get("only_fans_can_comment").isInt()).isTrue();
		assertThat(article.get("is_deleted").isBoolean()).isTrue();
		assertThat(article.get("url").asString()).startsWith("https://mp.weixin.qq.com/s/");
		JsonNode single = ContentResponses.freepublishGetarticle(this.account, item.get("article_id").asString())
			.orElseThrow()
			.get("news_item")
			.get(0);
		assertThat(fieldNames(single)).containsExactlyInAnyOrderElementsOf(PUBLISHED_FIELDS);
	}

	@Test
	void batchgetLastPartialPage() {
		ObjectNode page = ContentResponses.freepublishBatchget(this.account, 20, 20, true);
		assertThat(page.get("total_count").asInt()).isEqualTo(24);
		assertThat(page.get("item_count").asInt()).isEqualTo(4);
		assertThat(page.get("item")).hasSize(4);
		assertThat(page.get("item").get(3).get("article_id").asString())
			.isEqualTo(this.account.publications().get(23).articleId());
	}

	@Test
	void batchgetPastTheEndGivesAnEmptyItemArray() {
		for (int offset : new int[] { 24, 25, Integer.MAX_VALUE }) {
			ObjectNode page = ContentResponses.freepublishBatchget(this.account, offset, 20, false);
			assertThat(page.get("total_count").asInt()).isEqualTo(24);
			assertThat(page.get("item_count").asInt()).isZero();
			assertThat(page.get("item").isArray()).isTrue();
			assertThat(page.get("item")).isEmpty();
		}
		ObjectNode empty = ContentResponses.freepublishBatchget(
				AccountContent.generate("wxempty", ContentSpec.none(), AccountContentTests.BASE), 0, 10, false);
		assertThat(empty.toString()).isEqualTo("{\"total_count\":0,\"item_count\":0,\"item\":[]}");
	}

	@Test
	void noContentOmitsOnlyTheHtmlBody() {
		ObjectNode full = ContentResponses.freepublishBatchget(this.account, 0, 20, false);
		ObjectNode lean = ContentResponses.freepublishBatchget(this.account, 0, 20, true);
		for (JsonNode item : full.get("item")) {
			for (JsonNode article : item.get("content").get("news_item")) {
				((ObjectNode) article).remove("content");
			}
		}
		assertThat(lean).isEqualTo(full);
		JsonNode article = lean.get("item").get(0).get("content").get("news_item").get(0);
		assertThat(fieldNames(article)).doesNotContain("content").hasSize(PUBLISHED_FIELDS.size() - 1);
	}

	@Test
	void multiArticlePostsHaveEmptyDigestsOnTheWire() {
		ObjectNode page = ContentResponses.freepublishBatchget(this.account, 0, 3, true);
		JsonNode multi = page.get("item").get(2).get("content").get("news_item");
		assertThat(multi.size()).isBetween(2, 4);
		multi.forEach((article) -> assertThat(article.get("digest").asString()).isEmpty());
		JsonNode single = page.get("item").get(0).get("content").get("news_item");
		assertThat(single).hasSize(1);
		assertThat(single.get(0).get("digest").asString()).isNotEmpty();
	}

	@Test
	void getarticleReturnsTheNewsItemsOfAKnownArticle() {
		Publication post = this.account.publications().get(5);
		ObjectNode response = ContentResponses.freepublishGetarticle(this.account, post.articleId()).orElseThrow();
		assertThat(fieldNames(response)).containsExactly("news_item");
		assertThat(response.get("news_item")).hasSize(post.articles().size());
		assertThat(response.get("news_item").get(0).get("title").asString()).isEqualTo(post.articles().get(0).title());
		assertThat(response.get("news_item").get(0).get("content").asString())
			.isEqualTo(post.articles().get(0).content());
		JsonNode fromBatch = ContentResponses.freepublishBatchget(this.account, 5, 1, false)
			.get("item")
			.get(0)
			.get("content")
			.get("news_item");
		assertThat(response.get("news_item")).isEqualTo(fromBatch);
	}

	@Test
	void getarticleOfAnUnknownArticleIsEmpty() {
		assertThat(ContentResponses.freepublishGetarticle(this.account, "ARTICLE_ID")).isEmpty();
		assertThat(ContentResponses.freepublishGetarticle(this.account, "")).isEmpty();
	}

	@Test
	void imageItemsCarryAUrl() {
		ObjectNode page = ContentResponses.batchgetMaterial(this.account, MaterialType.IMAGE, 0, 20);
		assertThat(page.get("total_count").asInt()).isEqualTo(12);
		assertThat(page.get("item_count").asInt()).isEqualTo(12);
		page.get("item").forEach((item) -> {
			assertThat(fieldNames(item)).containsExactly("media_id", "name", "update_time", "url");
			assertThat(item.get("url").asString()).startsWith(AccountContentTests.BASE + "/mmbiz_");
			assertThat(item.get("name").asString()).matches("[a-z-]+-\\d{2}\\.(png|jpg)");
		});
	}

	@Test
	void voiceItemsCarryAUrlOfTheirRecordingAsTheMaterialSeedListsIt() {
		ObjectNode page = ContentResponses.batchgetMaterial(this.account, MaterialType.VOICE, 0, 20);
		assertThat(page.get("item")).hasSize(4).allSatisfy((item) -> {
			assertThat(fieldNames(item)).containsExactly("media_id", "name", "update_time", "url");
			assertThat(item.get("name").asString()).endsWith(".mp3");
			String url = item.get("url").asString();
			assertThat(url).startsWith(AccountContentTests.BASE + "/voice/");
			assertThat(VoiceRecording.at(url.substring(AccountContentTests.BASE.length()))).isPresent();
		});
	}

	@Test
	void videoItemsCarryDescriptionAndTagsInsteadOfAUrl() {
		ObjectNode page = ContentResponses.batchgetMaterial(this.account, MaterialType.VIDEO, 0, 20);
		assertThat(page.get("item")).hasSize(3).allSatisfy((item) -> {
			assertThat(fieldNames(item)).containsExactly("media_id", "name", "update_time", "description", "tags");
			assertThat(item.get("name").asString()).endsWith(".mp4");
			assertThat(item.get("description").asString()).isNotBlank();
			assertThat(item.get("tags").isArray()).isTrue();
			assertThat(item.get("tags").size()).isBetween(1, 3);
			item.get("tags").forEach((tag) -> assertThat(tag.isString()).isTrue());
		});
	}

	@Test
	void newsItemsCarryTheirArticlesInContent() {
		ObjectNode page = ContentResponses.batchgetMaterial(this.account, MaterialType.NEWS, 0, 20);
		assertThat(page.get("item")).hasSize(6).allSatisfy((item) -> {
			assertThat(fieldNames(item)).containsExactly("media_id", "content", "update_time");
			JsonNode content = item.get("content");
			assertThat(fieldNames(content)).containsExactly("news_item", "create_time", "update_time");
			assertThat(content.get("update_time").asLong()).isEqualTo(item.get("update_time").asLong());
			assertThat(content.get("create_time").asLong()).isLessThanOrEqualTo(item.get("update_time").asLong());
			assertThat(content.get("news_item").size()).isBetween(1, 3);
			content.get("news_item").forEach((article) -> {
				assertThat(fieldNames(article)).containsExactlyInAnyOrderElementsOf(NEWS_MATERIAL_FIELDS);
				assertThat(article.get("url").asString()).startsWith("https://mp.weixin.qq.com/s?__biz=");
			});
			if (content.get("news_item").size() > 1) {
				content.get("news_item").forEach((article) -> assertThat(article.get("digest").asString()).isEmpty());
			}
		});
	}

	@Test
	void materialPagingArithmetic() {
		AccountContent many = AccountContent.generate(AccountContentTests.APP_ID, new ContentSpec(0, 45, 0, 0, 0),
				AccountContentTests.BASE);
		List<String> ids = new ArrayList<>();
		for (int offset = 0; offset < 45; offset += 20) {
			ObjectNode page = ContentResponses.batchgetMaterial(many, MaterialType.IMAGE, offset, 20);
			assertThat(page.get("total_count").asInt()).isEqualTo(45);
			assertThat(page.get("item_count").asInt()).isEqualTo(Math.min(20, 45 - offset));
			page.get("item").forEach((item) -> ids.add(item.get("media_id").asString()));
		}
		assertThat(ids).hasSize(45).doesNotHaveDuplicates();
		ObjectNode past = ContentResponses.batchgetMaterial(many, MaterialType.IMAGE, 45, 1);
		assertThat(past.get("item_count").asInt()).isZero();
		assertThat(past.get("item")).isEmpty();
		ObjectNode noVoices = ContentResponses.batchgetMaterial(many, MaterialType.VOICE, 0, 20);
		assertThat(noVoices.toString()).isEqualTo("{\"total_count\":0,\"item_count\":0,\"item\":[]}");
	}

	@Test
	void materialCountMatchesTheSpec() {
		assertThat(ContentResponses.materialCount(this.account).toString())
			.isEqualTo("{\"voice_count\":4,\"video_count\":3,\"image_count\":12,\"news_count\":6}");
		AccountContent custom = AccountContent.generate(AccountContentTests.APP_ID, new ContentSpec(1, 2, 3, 4, 5),
				AccountContentTests.BASE);
		ObjectNode counts = ContentResponses.materialCount(custom);
		for (MaterialType type : MaterialType.values()) {
			assertThat(counts.get(type.wireValue() + "_count").asInt()).isEqualTo(custom.spec().count(type));
			assertThat(ContentResponses.batchgetMaterial(custom, type, 0, 20).get("total_count").asInt())
				.isEqualTo(custom.spec().count(type));
		}
	}

	@Test
	void responsesAreDeterministic() {
		AccountContent again = AccountContent.generate(AccountContentTests.APP_ID, ContentSpec.defaults(),
				AccountContentTests.BASE);
		assertThat(ContentResponses.freepublishBatchget(again, 0, 20, false).toString())
			.isEqualTo(ContentResponses.freepublishBatchget(this.account, 0, 20, false).toString());
		for (MaterialType type : MaterialType.values()) {
			assertThat(ContentResponses.batchgetMaterial(again, type, 0, 20).toString())
				.isEqualTo(ContentResponses.batchgetMaterial(this.account, type, 0, 20).toString());
		}
	}

	static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

}

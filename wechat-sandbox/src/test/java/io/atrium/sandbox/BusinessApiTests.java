package io.atrium.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.NO_CONTENT_SETS;
import static io.atrium.sandbox.SandboxClient.UNVERIFIED;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** freepublish and material endpoints with an authorizer access token. */
class BusinessApiTests extends AbstractSandboxTests {

	private static final String BATCHGET = "/cgi-bin/freepublish/batchget";

	private static final String GETARTICLE = "/cgi-bin/freepublish/getarticle";

	private static final String MATERIAL = "/cgi-bin/material/batchget_material";

	private static final String GET_MATERIAL = "/cgi-bin/material/get_material";

	private static final String COUNT = "/cgi-bin/material/get_materialcount";

	@Test
	void batchgetPagesThroughPublishedPosts() {
		String token = client.authorizerToken(FULL);
		JsonNode page = client.business(BATCHGET, token, Map.of("offset", 0, "count", 10, "no_content", 0));
		assertThat(page.get("total_count").asInt()).isEqualTo(24);
		assertThat(page.get("item_count").asInt()).isEqualTo(10);
		JsonNode item = page.get("item").get(0);
		assertThat(item.get("article_id").asString()).isNotBlank();
		assertThat(item.get("update_time").asLong()).isPositive();
		JsonNode article = item.get("content").get("news_item").get(0);
		assertThat(article.get("content").asString()).contains("<");
		assertThat(article.get("thumb_url").asString()).startsWith(client.baseUrl() + "/mmbiz_");
		JsonNode last = client.business(BATCHGET, token, Map.of("offset", 20, "count", 20));
		assertThat(last.get("item_count").asInt()).isEqualTo(4);
		JsonNode beyond = client.business(BATCHGET, token, Map.of("offset", 100, "count", 20));
		assertThat(beyond.get("item_count").asInt()).isZero();
		assertThat(beyond.get("item")).isEmpty();
	}

	@Test
	void noContentLeavesOutTheHtml() {
		String token = client.authorizerToken(FULL);
		JsonNode page = client.business(BATCHGET, token, Map.of("offset", 0, "count", 1, "no_content", 1));
		JsonNode article = page.get("item").get(0).get("content").get("news_item").get(0);
		assertThat(article.has("content")).isFalse();
		assertThat(article.has("title")).isTrue();
	}

	@Test
	void getarticleFindsAPublishedPostAndAnswers53600ForOthers() {
		String token = client.authorizerToken(FULL);
		String articleId = client.business(BATCHGET, token, Map.of("offset", 0, "count", 1))
			.get("item")
			.get(0)
			.get("article_id")
			.asString();
		JsonNode article = client.business(GETARTICLE, token, Map.of("article_id", articleId));
		assertThat(article.get("news_item").get(0).get("title").asString()).isNotBlank();
		JsonNode unknown = client.business(GETARTICLE, token, Map.of("article_id", "no-such-article"));
		assertError(unknown, 53600);
		assertThat(unknown.get("errmsg").asString()).startsWith("Article ID 无效 rid: ");
		assertError(client.business(GETARTICLE, token, Map.of()), 40097);
	}

	@Test
	void theMerchantsEditsShowInTheListsAsTheyWouldAtWeChat() {
		String token = client.authorizerToken(FULL);
		client.advance(60);
		JsonNode published = client.control("/sandbox/accounts/" + FULL + "/posts",
				Map.of("title", "秋季限定桂花拿铁上市", "author", "星河编辑部"));
		String newId = published.get("articleId").asString();
		assertThat(published.get("updateTime").asLong()).isEqualTo(client.now());
		JsonNode page = client.business(BATCHGET, token, Map.of("offset", 0, "count", 3, "no_content", 1));
		assertThat(page.get("total_count").asInt()).isEqualTo(25);
		assertThat(page.get("item").get(0).get("article_id").asString()).isEqualTo(newId);
		assertThat(page.get("item").get(0).get("content").get("news_item").get(0).get("author").asString())
			.isEqualTo("星河编辑部");
		String older = page.get("item").get(2).get("article_id").asString();
		long olderTime = page.get("item").get(2).get("update_time").asLong();

		client.advance(60);
		SandboxClient.Response retitled = client.put("/sandbox/accounts/" + FULL + "/posts/" + older,
				Map.of("title", "改过的标题"));
		assertThat(retitled.status()).isEqualTo(200);
		JsonNode article = client.business(GETARTICLE, token, Map.of("article_id", older));
		assertThat(article.get("news_item").get(0).get("title").asString()).isEqualTo("改过的标题");
		JsonNode relisted = client.business(BATCHGET, token, Map.of("offset", 2, "count", 1));
		assertThat(relisted.get("item").get(0).get("update_time").asLong()).isGreaterThan(olderTime)
			.isEqualTo(client.now());

		assertThat(client.delete("/sandbox/accounts/" + FULL + "/posts/" + newId).status()).isEqualTo(200);
		assertThat(client.business(BATCHGET, token, Map.of("offset", 0, "count", 1)).get("total_count").asInt())
			.isEqualTo(24);
		assertError(client.business(GETARTICLE, token, Map.of("article_id", newId)), 53600);
		assertThat(client.delete("/sandbox/accounts/" + FULL + "/posts/" + newId).status()).isEqualTo(404);

		String image = client.business(MATERIAL, token, Map.of("type", "image", "offset", 0, "count", 1))
			.get("item").get(0).get("media_id").asString();
		int images = client.get(COUNT + "?access_token=" + token).json().get("image_count").asInt();
		assertThat(client.delete("/sandbox/accounts/" + FULL + "/materials/" + image).status()).isEqualTo(200);
		assertThat(client.get(COUNT + "?access_token=" + token).json().get("image_count").asInt()).isEqualTo(images - 1);
		assertThat(client.business(MATERIAL, token, Map.of("type", "image", "offset", 0, "count", 20))
			.get("item").findValuesAsString("media_id")).doesNotContain(image);
		assertThat(client.post("/sandbox/accounts/" + FULL + "/posts", Map.of("title", "")).status()).isEqualTo(400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "image", "voice", "video", "news" })
	void batchgetMaterialAnswersEachType(String type) {
		String token = client.authorizerToken(FULL);
		JsonNode page = client.business(MATERIAL, token, Map.of("type", type, "offset", 0, "count", 20));
		JsonNode counts = client.get(COUNT + "?access_token=" + token).json();
		assertThat(page.get("total_count").asInt()).isEqualTo(counts.get(type + "_count").asInt()).isPositive();
		assertThat(page.get("item_count").asInt()).isEqualTo(page.get("item").size());
		assertThat(page.get("item").get(0).get("media_id").asString()).isNotBlank();
	}

	@Test
	void materialCountAnswersAllFourCounts() {
		JsonNode counts = client.get(COUNT + "?access_token=" + client.authorizerToken(FULL)).json();
		assertThat(counts.get("voice_count").asInt()).isEqualTo(4);
		assertThat(counts.get("video_count").asInt()).isEqualTo(3);
		assertThat(counts.get("image_count").asInt()).isEqualTo(12);
		assertThat(counts.get("news_count").asInt()).isEqualTo(6);
		assertThat(counts.has("errcode")).isFalse();
	}

	@Test
	void unknownMaterialTypeAnswers40007AsTheMaterialSeedsExampleHasIt() {
		String token = client.authorizerToken(FULL);
		JsonNode unknown = client.business(MATERIAL, token, Map.of("type", "gif", "offset", 0, "count", 1));
		assertError(unknown, 40007);
		assertThat(unknown.get("errmsg").asString()).startsWith("invalid media_id");
		assertError(client.business(MATERIAL, token, Map.of("offset", 0, "count", 1)), 40007);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 21, -1 })
	void countOutside1To20Answers40097(int count) {
		String token = client.authorizerToken(FULL);
		assertError(client.business(BATCHGET, token, Map.of("offset", 0, "count", count)), 40097);
		assertError(client.business(MATERIAL, token, Map.of("type", "image", "offset", 0, "count", count)), 40097);
	}

	@Test
	void negativeOrMissingOffsetAnswers40097() {
		String token = client.authorizerToken(FULL);
		assertError(client.business(BATCHGET, token, Map.of("offset", -1, "count", 10)), 40097);
		assertError(client.business(BATCHGET, token, Map.of("count", 10)), 40097);
		assertError(client.business(MATERIAL, token, Map.of("type", "news", "offset", -1, "count", 10)), 40097);
	}

	@Test
	void nonIntegerArgumentsAnswer40097() {
		String token = client.authorizerToken(FULL);
		assertError(client.business(BATCHGET, token, Map.of("offset", "0", "count", 10)), 40097);
		assertError(client.business(BATCHGET, token, Map.of("offset", 0, "count", 10, "no_content", 2)), 40097);
	}

	@Test
	void malformedOrEmptyBodyAnswers47001Or44002() {
		String token = client.authorizerToken(FULL);
		assertError(client.business(BATCHGET, token, "{\"offset\":"), 47001);
		assertError(client.business(BATCHGET, token, "[1,2]"), 47001);
		assertError(client.business(BATCHGET, token, ""), 44002);
	}

	@Test
	void missingSetAnswers61007() {
		String token = client.authorizerToken(NO_CONTENT_SETS);
		JsonNode answer = client.business(BATCHGET, token, Map.of("offset", 0, "count", 10));
		assertError(answer, 61007);
		assertThat(answer.get("errmsg").asString()).startsWith("api is unauthorized to component rid: ");
		assertError(client.business(MATERIAL, token, Map.of("type", "image", "offset", 0, "count", 10)), 61007);
		assertError(client.get(COUNT + "?access_token=" + token).json(), 61007);
	}

	@Test
	void materialAcceptsSet100InsteadOf11() {
		String token = client.authorizerToken(FULL, 1, 100);
		assertThat(client.get(COUNT + "?access_token=" + token).json().has("image_count")).isTrue();
		assertError(client.business(BATCHGET, token, Map.of("offset", 0, "count", 10)), 61007);
	}

	@Test
	void unverifiedAccountAnswers48001ForFreepublishButServesMaterial() {
		String token = client.authorizerToken(UNVERIFIED);
		JsonNode answer = client.business(BATCHGET, token, Map.of("offset", 0, "count", 10));
		assertError(answer, 48001);
		assertThat(answer.get("errmsg").asString()).startsWith("api unauthorized rid: ");
		assertError(client.business(GETARTICLE, token, Map.of("article_id", "x")), 48001);
		assertThat(client.business(MATERIAL, token, Map.of("type", "image", "offset", 0, "count", 1))
			.has("item")).isTrue();
	}

	@Test
	void permissionIsCheckedBeforeParameters() {
		String token = client.authorizerToken(NO_CONTENT_SETS);
		assertError(client.business(BATCHGET, token, Map.of("offset", 0, "count", 0)), 61007);
	}

	@Test
	void tokenErrors() {
		assertError(client.call(BATCHGET, Map.of("offset", 0, "count", 1)), 41001);
		assertError(client.business(BATCHGET, "unknown-token", Map.of("offset", 0, "count", 1)), 40001);
		String componentToken = client.componentToken();
		assertError(client.business(BATCHGET, componentToken, Map.of("offset", 0, "count", 1)), 40001);
	}

	@Test
	void createdAccountsServeTheContentTheyWereGiven() {
		Map<String, Object> account = new HashMap<>();
		account.put("nickname", "小店");
		account.put("content", Map.of("posts", 2, "images", 1));
		String appid = client.control("/sandbox/accounts", account).get("appid").asString();
		String token = client.authorizerToken(appid);
		assertThat(client.business(BATCHGET, token, Map.of("offset", 0, "count", 20)).get("total_count").asInt())
			.isEqualTo(2);
		JsonNode counts = client.get(COUNT + "?access_token=" + token).json();
		assertThat(List.of(counts.get("image_count").asInt(), counts.get("news_count").asInt())).containsExactly(1, 0);
	}

	@Test
	void imagesAreServedWithTypeAndCaching() {
		String token = client.authorizerToken(FULL);
		JsonNode page = client.business(MATERIAL, token, Map.of("type", "image", "offset", 0, "count", 1));
		String url = page.get("item").get(0).get("url").asString();
		assertThat(url).startsWith(client.baseUrl());
		SandboxClient.Response image = client.get(url.substring(client.baseUrl().length()));
		assertThat(image.status()).isEqualTo(200);
		assertThat(image.header("Content-Type")).startsWith("image/");
		assertThat(image.header("Cache-Control")).contains("max-age");
		assertThat(image.bytes().length).isGreaterThan(100);
		assertThat(client.get("/mmbiz_png/not-a-key").status()).isEqualTo(404);
	}

	@Test
	void voiceRecordingsAreServedAsMp3() {
		String token = client.authorizerToken(FULL);
		JsonNode page = client.business(MATERIAL, token, Map.of("type", "voice", "offset", 0, "count", 1));
		String url = page.get("item").get(0).get("url").asString();
		assertThat(url).startsWith(client.baseUrl() + "/voice/");
		SandboxClient.Response voice = client.get(url.substring(client.baseUrl().length()));
		assertThat(voice.status()).isEqualTo(200);
		assertThat(voice.header("Content-Type")).isEqualTo("audio/mpeg");
		// MPEG audio frames: each starts with the 11-bit frame sync.
		assertThat(voice.bytes()).hasSizeGreaterThan(1000);
		assertThat(voice.bytes()[0]).isEqualTo((byte) 0xFF);
		assertThat(voice.bytes()[1] & 0xE0).isEqualTo(0xE0);
		assertThat(client.get("/voice/not-a-recording").status()).isEqualTo(404);
	}


	@ParameterizedTest
	@ValueSource(strings = { "image", "voice" })
	void getMaterialAnswersAnImagesOrAVoicesFileAsItsUrlServesIt(String type) {
		String token = client.authorizerToken(FULL);
		JsonNode item = client.business(MATERIAL, token, Map.of("type", type, "offset", 0, "count", 1)).get("item").get(0);
		String mediaId = item.get("media_id").asString();

		SandboxClient.Response file = client.post(GET_MATERIAL + "?access_token=" + token, Map.of("media_id", mediaId));

		SandboxClient.Response served = client.get(item.get("url").asString().substring(client.baseUrl().length()));
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).isEqualTo(served.header("Content-Type"))
			.isIn("image/png", "image/jpeg", "audio/mpeg");
		assertThat(file.header("Content-Disposition")).startsWith("attachment; filename=\"" + mediaId + ".");
		assertThat(file.bytes()).isEqualTo(served.bytes());
	}

	@Test
	void getMaterialAnswersAVideosDownUrlWhichServesAnMp4WithoutAToken() {
		String token = client.authorizerToken(FULL);
		JsonNode item = client.business(MATERIAL, token, Map.of("type", "video", "offset", 0, "count", 1)).get("item").get(0);

		JsonNode video = client.post(GET_MATERIAL + "?access_token=" + token,
				Map.of("media_id", item.get("media_id").asString())).json();

		assertThat(video.get("title").asString()).isEqualTo(item.get("name").asString());
		assertThat(video.get("description").asString()).isEqualTo(item.get("description").asString());
		String url = video.get("down_url").asString();
		assertThat(url).startsWith(client.baseUrl() + "/video-material/").doesNotContain("token");
		SandboxClient.Response mp4 = client.get(url.substring(client.baseUrl().length()));
		assertThat(mp4.status()).isEqualTo(200);
		assertThat(mp4.header("Content-Type")).isEqualTo("video/mp4");
		// An ISO base media file: its first box is ftyp.
		assertThat(new String(mp4.bytes(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
		assertThat(client.get("/video-material/not-a-video").status()).isEqualTo(404);
	}

	@Test
	void getMaterialAnswersANewsMaterialsArticlesAnd40007ForAnUnknownId() {
		String token = client.authorizerToken(FULL);
		JsonNode item = client.business(MATERIAL, token, Map.of("type", "news", "offset", 0, "count", 1)).get("item").get(0);

		JsonNode news = client.post(GET_MATERIAL + "?access_token=" + token,
				Map.of("media_id", item.get("media_id").asString())).json();

		assertThat(news.get("news_item")).isEqualTo(item.get("content").get("news_item"));
		assertError(client.post(GET_MATERIAL + "?access_token=" + token, Map.of("media_id", "unknown")).json(), 40007);
	}

}

package io.atrium.content;

import io.atrium.token.wechat.WeChatHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat's answers decode into the content records and come out of Spring's JSON mapper as WeChat sent them,
 * including fields this code does not know.
 */
class ContentWireFormatTests {

	/** The REST layer's mapper: Jackson's defaults, as Spring Boot configures them. */
	private static final JsonMapper rest = JsonMapper.builder().build();

	@Test
	void publishedPageKeepsEveryFieldIncludingOnesWeChatAddsLater() {
		String wechat = """
				{"total_count":2,"item_count":1,"brand_new_page_field":{"a":[1,2]},"item":[{"article_id":"A1",
				"update_time":1627891234,"new_item_field":"x","content":{"news_item":[{"title":"示例标题","author":"作者名",
				"digest":"","content":"<p>HTML</p>","content_source_url":"https://example.com/source",
				"thumb_media_id":"MEDIA_ID_123","thumb_url":"https://example.com/t.png","show_cover_pic":1,
				"need_open_comment":0,"only_fans_can_comment":0,"url":"https://example.com/article",
				"is_deleted":false,"future_flag":true,"nested_future":{"k":null}},{"title":"second","is_deleted":true}],
				"content_level_field":7}}]}""";
		assertRoundTrip(wechat, PublishedPage.class);
	}

	@Test
	void publishedArticleKeepsUnknownFieldsAndDropsTheOkStatus() throws Exception {
		String wechat = """
				{"errcode":0,"errmsg":"ok","news_item":[{"title":"TITLE","author":"AUTHOR","digest":"DIGEST",
				"content":"CONTENT","content_source_url":"CONTENT_SOURCE_URL","thumb_media_id":"THUMB_MEDIA_ID",
				"thumb_url":"THUMB_URL","show_cover_pic":1,"need_open_comment":0,"only_fans_can_comment":0,
				"url":"URL","is_deleted":false,"audio_url":"later"}]}""";
		PublishedArticle article = WeChatHttp.json().readValue(wechat, PublishedArticle.class);
		JsonNode answer = rest.readTree(rest.writeValueAsString(article));
		assertThat(answer.has("errcode")).isFalse();
		assertThat(answer.path("news_item").get(0).path("audio_url").asString()).isEqualTo("later");
		assertThat(answer.path("news_item").get(0).path("thumb_media_id").asString()).isEqualTo("THUMB_MEDIA_ID");
		assertThat(answer.path("news_item").get(0).size()).isEqualTo(13);
	}

	@Test
	void materialPagesOfEveryShapeRoundTrip() {
		assertRoundTrip("""
				{"total_count":3,"item_count":3,"item":[{"media_id":"M1","name":"a.png","update_time":1,"url":"U"},
				{"media_id":"M2","name":"v.mp4","update_time":2,"description":"d","tags":["x","y"],"duration":30},
				{"media_id":"M3","content":{"news_item":[{"title":"T","thumb_media_id":"TM","show_cover_pic":1,
				"author":"A","digest":"D","content":"C","url":"U","content_source_url":"S"}],"create_time":1523352282,
				"update_time":1523352413},"update_time":1523352413}]}""", MaterialPage.class);
	}

	@Test
	void materialCountRoundTrips() {
		assertRoundTrip("{\"voice_count\":5,\"video_count\":3,\"image_count\":10,\"news_count\":7,\"mini_count\":1}",
				MaterialCount.class);
	}

	@Test
	void unknownFieldsDoNotLeakAsAPropertyOfTheirOwn() {
		MaterialCount count = WeChatHttp.json().readValue("{\"voice_count\":5}", MaterialCount.class);
		assertThat(rest.writeValueAsString(count)).isEqualTo("{\"voice_count\":5}");
	}

	private static void assertRoundTrip(String wechat, Class<?> type) {
		Object decoded = WeChatHttp.json().readValue(wechat, type);
		JsonNode answer = rest.readTree(rest.writeValueAsString(decoded));
		assertThat(answer).isEqualTo(rest.readTree(wechat));
	}

}

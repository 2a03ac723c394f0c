package io.atrium.wechat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * WeChat's answers passed on as they came: the top-level numbers and the error read without building the answer,
 * and one field added at the end with every other byte unchanged.
 */
class WeChatJsonTests {

	@Test
	void readsTopLevelNumbersAndSkipsNestedOnes() {
		WeChatJson page = WeChatJson.of(bytes("""
				{"total_count":57,"item_count":2,"item":[{"article_id":"a","content":{"news_item":[{"item_count":9,
				"title":"星河 \\"咖啡\\""}]},"update_time":1700000000}],"extra":{"total_count":1}}"""));
		assertThat(page.intNumber("total_count")).isEqualTo(57);
		assertThat(page.intNumber("item_count")).isEqualTo(2);
		assertThat(page.intNumber("update_time")).as("nested, not top-level").isNull();
		assertThat(page.error()).isNull();
	}

	@Test
	void anErrcodeOtherThanZeroIsWeChatsError() {
		WeChatJson refused = WeChatJson.of(bytes("{\"errcode\":40001,\"errmsg\":\"invalid credential rid: 1-2-3\"}"));
		assertThat(refused.error()).isEqualTo(new WeChatError(40001, "invalid credential rid: 1-2-3"));
		assertThat(WeChatJson.of(bytes("{\"errcode\":0,\"errmsg\":\"ok\",\"total_count\":1}")).error()).isNull();
	}

	@Test
	void anAddedFieldGoesAtTheEndAndEveryOtherByteIsWeChats() {
		String wechat = "{\"total_count\":57,\"item\":[{\"title\":\"星河\"}]}\n";
		byte[] added = WeChatJson.of(bytes(wechat)).withField("next_cursor", "abc.d\"e");
		assertThat(new String(added, StandardCharsets.UTF_8))
			.isEqualTo("{\"total_count\":57,\"item\":[{\"title\":\"星河\"}],\"next_cursor\":\"abc.d\\\"e\"}\n");
		assertThat(new String(WeChatJson.of(bytes("{ }")).withField("a", "b"), StandardCharsets.UTF_8))
			.isEqualTo("{ \"a\":\"b\"}");
	}

	@Test
	void anythingButOneJsonObjectIsRefused() {
		assertThatException().isThrownBy(() -> WeChatJson.of(bytes("[1,2]")));
		assertThatException().isThrownBy(() -> WeChatJson.of(bytes("{\"a\":1} {\"b\":2}")));
		assertThatException().isThrownBy(() -> WeChatJson.of(bytes("{\"a\":")));
		assertThatException().isThrownBy(() -> WeChatJson.of(bytes("<html>busy</html>")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

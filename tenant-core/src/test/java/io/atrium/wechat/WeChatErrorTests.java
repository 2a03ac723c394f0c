package io.atrium.wechat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WeChatErrorTests {

	@ParameterizedTest
	@CsvSource({ "-1, TRANSIENT", "40001, TOKEN_INVALID", "40014, TOKEN_INVALID", "42001, TOKEN_INVALID",
			"45009, DAILY_QUOTA_EXCEEDED", "45011, MINUTE_QUOTA_EXCEEDED", "48001, PERMISSION_DENIED",
			"61007, PERMISSION_DENIED", "53600, NOT_FOUND", "40007, NOT_FOUND", "40097, INVALID_REQUEST",
			"61005, TICKET_INVALID", "61006, TICKET_INVALID", "61023, REFRESH_TOKEN_INVALID",
			"61003, AUTHORIZATION_CANCELLED", "61009, CODE_INVALID", "61004, CONFIGURATION", "99999, OTHER" })
	void errcodesAreClassifiedAsTheProtocolReferenceSays(int errcode, WeChatErrorKind kind) {
		assertThat(new WeChatError(errcode, "x").kind()).isEqualTo(kind);
	}

	@Test
	void ridIsReadFromTheMessage() {
		assertThat(new WeChatError(61005, "component ticket is expired rid: 64f69b23-60f73830-19f36488").rid())
			.isEqualTo("64f69b23-60f73830-19f36488");
		assertThat(new WeChatError(40007, "invalid media_id hint: [cjm9Ja0753p448] rid: 64c0d3e1-06514840-5a31b4eb")
			.rid()).isEqualTo("64c0d3e1-06514840-5a31b4eb");
		assertThat(new WeChatError(-1, "system error").rid()).isNull();
		assertThat(new WeChatError(-1, null).rid()).isNull();
	}

	@Test
	void exceptionNamesTheApiAndTheError() {
		WeChatApiException ex = new WeChatApiException("/cgi-bin/freepublish/batchget",
				new WeChatError(61007, "api is unauthorized to component rid: 1-2-3"));
		assertThat(ex).hasMessage("/cgi-bin/freepublish/batchget answered errcode 61007: "
				+ "api is unauthorized to component rid: 1-2-3");
		assertThat(ex.kind()).isEqualTo(WeChatErrorKind.PERMISSION_DENIED);
	}

}

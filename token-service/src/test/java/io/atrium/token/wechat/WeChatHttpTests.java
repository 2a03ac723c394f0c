package io.atrium.token.wechat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import feign.FeignException;
import feign.Request;
import feign.Request.HttpMethod;
import feign.Response;
import feign.RetryableException;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link WeChatHttp#call}: what comes out of a failed Feign call, and that the token in its URL never does.
 */
class WeChatHttpTests {

	private static final String TOKEN = "SECRET-ACCESS-TOKEN-42";

	private static final Request REQUEST = Request.create(HttpMethod.POST,
			"https://api.weixin.qq.com/cgi-bin/component/api_query_auth?component_access_token=" + TOKEN, Map.of(),
			"{}".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, null);

	@Test
	void serverErrorKeepsItsStatusButNotFeignsMessageWhichQuotesTheUrl() {
		FeignException feign = FeignException.errorStatus("ComponentApi#queryAuth",
				Response.builder().status(503).request(REQUEST).build());
		assertThat(feign.getMessage()).as("Feign quotes the URL").contains(TOKEN);

		WeChatUnavailableException ex = fail(feign);

		assertThat(ex.status()).isEqualTo(503);
		assertThat(ex.isTransient()).isTrue();
		assertThat(ex).hasMessage("/cgi-bin/component/api_query_auth is unavailable: HTTP 503").hasNoCause();
		assertThat(ex.summary()).isEqualTo("HTTP 503");
		assertThat(ex.getStackTrace()).isNotEmpty();
	}

	@Test
	void ioErrorIsTransientAndNamesOnlyItsKind() {
		RetryableException feign = new RetryableException(-1, "Connection refused executing POST " + REQUEST.url(),
				HttpMethod.POST, new java.net.ConnectException("Connection refused"), (Long) null, REQUEST);

		WeChatUnavailableException ex = fail(feign);

		assertThat(ex.isTransient()).isTrue();
		assertThat(ex.getMessage()).doesNotContain(TOKEN).endsWith("RetryableException (ConnectException)");
		assertThat(ex).hasNoCause();
		assertThat(ex.summary()).isEqualTo("no answer (connection failed or timed out)");
	}

	@Test
	void anUnreadableAnswerIsNotTransientAndSaysSo() {
		WeChatUnavailableException ex = fail(new feign.codec.DecodeException(200, "Unexpected character", REQUEST));

		assertThat(ex.isTransient()).isFalse();
		assertThat(ex.summary()).isEqualTo("HTTP 200 with an unreadable body");
	}

	@Test
	void clientErrorIsNotTransient() {
		WeChatUnavailableException ex = fail(FeignException.errorStatus("ComponentApi#queryAuth",
				Response.builder().status(404).request(REQUEST).build()));
		assertThat(ex.isTransient()).isFalse();
		assertThat(ex.getMessage()).doesNotContain(TOKEN);
	}

	@Test
	void weChatErrorsWrappedByFeignComeOutAsThemselves() {
		WeChatApiException wechat = new WeChatApiException("/cgi-bin/component/api_query_auth",
				new WeChatError(61009, "code is invalid rid: 1-2-3"));
		FeignException wrapped = new feign.codec.DecodeException(200, "decode", REQUEST, wechat);

		WeChatApiException ex = catchThrowableOfType(WeChatApiException.class,
				() -> WeChatHttp.call("/cgi-bin/component/api_query_auth", () -> {
					throw wrapped;
				}));

		assertThat(ex).isSameAs(wechat);
	}

	private static WeChatUnavailableException fail(FeignException feign) {
		return catchThrowableOfType(WeChatUnavailableException.class,
				() -> WeChatHttp.call("/cgi-bin/component/api_query_auth", () -> {
					throw feign;
				}));
	}

}

package io.atrium.content;

import java.time.Instant;

import feign.FeignException;
import feign.Request.HttpMethod;
import feign.Request;
import feign.RetryableException;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.RateLimitedException;
import io.atrium.upstream.UpstreamProperties;
import io.atrium.upstream.WeChatApis;
import io.atrium.upstream.WeChatDay;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the content client retries (transient faults) and what it never retries; when WeChat's quota resets.
 */
class TransientRetryTests {

	private static final Request REQUEST = Request.create(HttpMethod.GET, "http://wechat/cgi-bin/x",
			java.util.Map.of(), null, null, null);

	@Test
	void systemBusyIsTransient() {
		assertThat(TransientRetry.isTransient(wechat(-1))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 45009, 45011, 48001, 61007, 53600, 40007, 40097, 40004, 40001, 40014, 42001, 61003, 44002 })
	void quotaPermissionNotFoundTokenAndValidationErrorsAreNeverRetried(int errcode) {
		assertThat(TransientRetry.isTransient(wechat(errcode))).isFalse();
	}

	@Test
	void serverErrorsAndIoErrorsAreTransientClientErrorsAreNot() {
		assertThat(TransientRetry.isTransient(unavailable(FeignException.errorStatus("x",
				feign.Response.builder().status(503).request(REQUEST).build())))).isTrue();
		assertThat(TransientRetry.isTransient(
				unavailable(new RetryableException(-1, "Connection refused", HttpMethod.GET, (Long) null, REQUEST))))
			.isTrue();
		assertThat(TransientRetry.isTransient(unavailable(FeignException.errorStatus("x",
				feign.Response.builder().status(404).request(REQUEST).build())))).isFalse();
		assertThat(TransientRetry.isTransient(new IllegalStateException())).isFalse();
		assertThat(TransientRetry.isTransient(new RateLimitedException("wx", new WeChatApis(new UpstreamProperties(null, null, 5000, 60, null, null, null)).byKey("material-count"),
				java.time.Duration.ofSeconds(1), null, "test"))).isFalse();
	}

	@Test
	void dailyQuotaResetsAtMidnightShanghai() {
		assertThat(WeChatDay.nextReset(Instant.parse("2026-11-21T15:59:59Z")))
			.isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
		assertThat(WeChatDay.nextReset(Instant.parse("2026-11-21T16:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
		assertThat(WeChatDay.nextReset(Instant.parse("2026-11-21T03:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
	}

	private static WeChatApiException wechat(int errcode) {
		return new WeChatApiException("/cgi-bin/freepublish/batchget", new WeChatError(errcode, "test"));
	}

	private static WeChatUnavailableException unavailable(FeignException cause) {
		return WeChatUnavailableException.from("/cgi-bin/freepublish/batchget", cause);
	}

}

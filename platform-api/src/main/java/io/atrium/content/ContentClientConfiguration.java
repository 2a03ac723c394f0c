package io.atrium.content;

import java.time.Clock;

import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.wechat.WeChatHttp;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.UpstreamMetrics;
import io.atrium.upstream.UpstreamProperties;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApis;
import io.github.resilience4j.feign.FeignDecorator;
import io.github.resilience4j.feign.Resilience4jFeign;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Feign client for the content APIs, decorated with Resilience4j-feign. The decorators look up the
 * per-account state (rate-limit bucket, quota breaker, token) by the appid each call carries and the API's policy
 * in the registry ({@link WeChatApis}), so one client serves every account without one HTTP client per account.
 */
@Configuration(proxyBeanMethods = false)
class ContentClientConfiguration {

	@Bean
	ContentApiMethods contentApiMethods(WeChatApis apis) {
		return new ContentApiMethods(apis);
	}

	@Bean
	ContentApi contentApi(WeChatComponentProperties wechat, UpstreamProperties properties,
			AuthorizerTokenManager tokens, AccountRateLimiter limiter, QuotaBreaker breaker, UpstreamUsage usage,
			ContentApiMethods methods, UpstreamMetrics metrics, Clock clock) {
		FeignDecorator decorators = outermostLast(new UpstreamErrors(methods), new UsageRecording(usage, methods),
				new RateLimit(limiter, tokens, methods), new TransientRetry(properties.retry(), clock, methods, metrics),
				new TokenReplay(tokens, methods, metrics), new QuotaGate(breaker, methods));
		return WeChatHttp.builder(properties.connectTimeout(), properties.readTimeout())
			.addCapability(Resilience4jFeign.capability(decorators))
			.target(ContentApi.class, wechat.apiBaseUrl());
	}

	/**
	 * Chains decorators as {@code FeignDecorators} does: the last is outermost. Innermost first: translate one
	 * attempt's errors, count the attempt and record its error, take a permit per attempt, retry transient faults, replay once after a token error,
	 * stop on an open quota breaker.
	 */
	private static FeignDecorator outermostLast(FeignDecorator... decorators) {
		return (call, method, methodHandler, target) -> {
			var decorated = call;
			for (FeignDecorator decorator : decorators) {
				decorated = decorator.decorate(decorated, method, methodHandler, target);
			}
			return decorated;
		};
	}

}

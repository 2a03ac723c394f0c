package io.atrium.content;

import java.time.Clock;

import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.redis.RedisKeyspace;
import io.atrium.token.wechat.WeChatHttp;
import io.github.resilience4j.feign.FeignDecorator;
import io.github.resilience4j.feign.Resilience4jFeign;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One Feign client for the content APIs, decorated with Resilience4j-feign. The decorators look up the
 * per-account state (rate-limit bucket, quota breaker, token) by the appid each call carries, so one client
 * serves every account without one HTTP client per account.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContentProperties.class)
class ContentClientConfiguration {

	@Bean
	AccountRateLimiter contentRateLimiter(RedisConnectionFactory connectionFactory, RedisKeyspace keyspace,
			ContentProperties properties, Clock clock) {
		return new AccountRateLimiter(connectionFactory, keyspace, properties.limits(), clock);
	}

	@Bean
	QuotaBreaker contentQuotaBreaker(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock) {
		return new QuotaBreaker(redis, keyspace, clock);
	}

	@Bean
	ContentUsage contentUsage(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock) {
		return new ContentUsage(redis, keyspace, clock);
	}

	@Bean
	ContentApi contentApi(WeChatComponentProperties wechat, ContentProperties properties,
			AuthorizerTokenManager tokens, AccountRateLimiter limiter, QuotaBreaker breaker, ContentUsage usage,
			Clock clock) {
		FeignDecorator decorators = outermostLast(new UpstreamErrors(), new UsageRecording(usage), new RateLimit(limiter),
				new TransientRetry(properties.retry(), clock), new TokenReplay(tokens), new QuotaGate(breaker));
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

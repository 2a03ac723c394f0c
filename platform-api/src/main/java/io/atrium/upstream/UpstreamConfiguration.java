package io.atrium.upstream;

import java.time.Clock;

import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.redis.RedisKeyspace;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The per-account policy of calls to WeChat, shared by the content API and the gateway: one registry, one rate
 * limiter, one quota breaker and one usage record, all keyed by account and {@link WeChatApi}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class UpstreamConfiguration {

	@Bean
	WeChatApis weChatApis(UpstreamProperties properties) {
		return new WeChatApis(properties);
	}

	@Bean
	AccountGate accountGate(OfficialAccountRepository accounts) {
		return new AccountGate(accounts);
	}

	@Bean
	AccountRateLimiter accountRateLimiter(StringRedisTemplate redis, RedisKeyspace keyspace, WeChatApis apis,
			Clock clock) {
		return new AccountRateLimiter(redis, keyspace, apis, clock);
	}

	@Bean
	QuotaBreaker quotaBreaker(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock) {
		return new QuotaBreaker(redis, keyspace, clock);
	}

	@Bean
	UpstreamUsage upstreamUsage(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock) {
		return new UpstreamUsage(redis, keyspace, clock);
	}

}

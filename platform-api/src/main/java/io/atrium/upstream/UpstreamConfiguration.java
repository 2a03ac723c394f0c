package io.atrium.upstream;

import java.time.Clock;

import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.redis.RedisKeyspace;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

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
	RedisMessageListenerContainer upstreamMessageListeners(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		// Subscribed before the web server opens its port (and stopped after it closes): subscribing takes a
		// moment, during which health would otherwise answer before the application has started.
		container.setPhase(SmartLifecycle.DEFAULT_PHASE - 4096);
		return container;
	}

	@Bean
	CacheEvictions cacheEvictions(StringRedisTemplate redis, RedisKeyspace keyspace,
			RedisMessageListenerContainer upstreamMessageListeners) {
		return new CacheEvictions(redis, keyspace, upstreamMessageListeners);
	}

	@Bean
	AccountCache accountCache(OfficialAccountRepository accounts, CacheEvictions evictions,
			UpstreamProperties properties) {
		return new AccountCache(accounts, evictions, properties.cacheLifetime());
	}

	@Bean
	AccountGate accountGate(AccountCache accounts) {
		return new AccountGate(accounts);
	}

	@Bean
	UpstreamMetrics upstreamMetrics(MeterRegistry registry) {
		return new UpstreamMetrics(registry);
	}

	@Bean
	AccountRateLimiter accountRateLimiter(StringRedisTemplate redis, RedisKeyspace keyspace, WeChatApis apis,
			Clock clock, UpstreamMetrics metrics) {
		return new AccountRateLimiter(redis, keyspace, apis, clock, metrics);
	}

	@Bean
	QuotaBreaker quotaBreaker(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock,
			UpstreamMetrics metrics) {
		return new QuotaBreaker(redis, keyspace, clock, metrics);
	}

	@Bean
	UpstreamUsage upstreamUsage(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock, WeChatApis apis,
			UpstreamMetrics metrics) {
		return new UpstreamUsage(redis, keyspace, clock, apis.perDay(), metrics);
	}

	@Bean
	QuotaGauges quotaGauges(UpstreamUsage usage, QuotaBreaker breaker, WeChatApis apis) {
		return new QuotaGauges(usage, breaker, apis);
	}

}

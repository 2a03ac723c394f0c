package io.atrium.token.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean
	RedisKeyspace redisKeyspace(@Value("${atrium.redis.key-prefix:atrium:${atrium.env:local}:}") String prefix) {
		return new RedisKeyspace(prefix);
	}

	/**
	 * Lettuce reconnects with delays that grow to 30 s by default, so an instance could stay cut off for half a
	 * minute after Redis came back from a restart; capped at 1 s, it is back within a second of Redis.
	 */
	@Bean
	ClientResourcesBuilderCustomizer quickRedisReconnects() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}

package io.atrium.token.redis;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean
	RedisKeyspace redisKeyspace(@Value("${atrium.redis.key-prefix:atrium:${atrium.env:local}:}") String prefix) {
		return new RedisKeyspace(prefix);
	}

}

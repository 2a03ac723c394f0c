package io.atrium.token.wechat;

import java.time.Duration;

import io.atrium.token.WeChatComponentProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WeChatComponentProperties.class)
class WeChatClientConfiguration {

	@Bean
	ComponentClient componentClient(WeChatComponentProperties properties) {
		ComponentApi api = WeChatHttp.builder(Duration.ofSeconds(3), properties.readTimeout())
			.target(ComponentApi.class, properties.apiBaseUrl());
		return new ComponentClient(api, properties);
	}

}

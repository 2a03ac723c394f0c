package io.atrium.token.message;

import java.time.Duration;

import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.wechat.WeChatHttp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MessageProperties.class, ReleaseTestProperties.class })
class MessageConfiguration {

	@Bean
	CustomMessageApi customMessageApi(WeChatComponentProperties properties) {
		return WeChatHttp.builder(Duration.ofSeconds(3), properties.readTimeout())
			.target(CustomMessageApi.class, properties.apiBaseUrl());
	}

}

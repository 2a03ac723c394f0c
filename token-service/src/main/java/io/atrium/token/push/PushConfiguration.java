package io.atrium.token.push;

import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.token.WeChatComponentProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushConfiguration {

	/**
	 * The component's Token, EncodingAESKey and appid: what every push to this platform is sealed with, on the
	 * auth-event URL and on every account's message URL alike (protocol reference §3.2).
	 */
	@Bean
	WeChatMessageCrypto componentMessageCrypto(WeChatComponentProperties properties) {
		return new WeChatMessageCrypto(properties.componentToken(), properties.componentAesKey(),
				properties.componentAppId());
	}

}

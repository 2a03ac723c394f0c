package io.atrium.token.callback;

import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.token.WeChatComponentProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

	/** The component's Token, EncodingAESKey and appid: what every push to this platform is sealed with. */
	@Bean
	WeChatMessageCrypto componentMessageCrypto(WeChatComponentProperties properties) {
		return new WeChatMessageCrypto(properties.componentToken(), properties.componentAesKey(),
				properties.componentAppId());
	}

}

package io.atrium.custody;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustodyProperties.class)
class CustodyConfiguration {

	@Bean
	CredentialCipher credentialCipher(CustodyProperties properties) {
		return new CredentialCipher(properties.keys(), properties.activeKey());
	}

}

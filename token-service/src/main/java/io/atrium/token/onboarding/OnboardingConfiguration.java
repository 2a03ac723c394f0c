package io.atrium.token.onboarding;

import io.atrium.token.PublicUrlProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OnboardingProperties.class, PublicUrlProperties.class })
class OnboardingConfiguration {

	@Bean
	StateSigner onboardingStateSigner(OnboardingProperties properties) {
		return new StateSigner(properties.stateSecret());
	}

}

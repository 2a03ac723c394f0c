package io.atrium.token;

import io.atrium.token.authorizer.ProactiveRefreshSettings;
import io.atrium.token.cache.TokenSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TokenSettings.class, ProactiveRefreshSettings.class })
class TokenServiceConfiguration {

	/** Proactive refresh and reconcile run on schedules; tests switch them off and call them directly. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnBooleanProperty(name = "atrium.scheduling.enabled", matchIfMissing = true)
	static class Scheduling {

	}

}

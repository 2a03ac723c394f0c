package io.atrium.token.webhook;

import java.time.Clock;

import io.atrium.custody.CredentialCipher;
import io.atrium.outbound.AddressPolicy;
import io.atrium.outbound.HostResolver;
import io.atrium.tenant.TenantRepository;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

	/** The system resolver, unless a test supplies one (to make a name resolve to a private address). */
	private static HostResolver resolver(ObjectProvider<HostResolver> resolvers) {
		return resolvers.getIfAvailable(() -> HostResolver.SYSTEM);
	}

	@Bean
	WebhookHttp webhookHttp(WebhookProperties properties, ObjectProvider<HostResolver> resolvers) {
		return new WebhookHttp(properties, resolver(resolvers));
	}

	@Bean
	WebhookDispatcher webhookDispatcher(WebhookStore store, WebhookHttp http, CredentialCipher cipher,
			WebhookProperties properties, Clock clock, MeterRegistry meters) {
		return new WebhookDispatcher(store, http, cipher, properties, clock, meters);
	}

	@Bean
	WebhookService webhookService(WebhookStore store, CredentialCipher cipher, TenantRepository tenants,
			WebhookDispatcher dispatcher, WebhookProperties properties, PlatformTransactionManager transactions,
			Clock clock, ObjectProvider<HostResolver> resolvers, ObjectProvider<WebhookPolling> polling) {
		WebhookUrlPolicy urls = new WebhookUrlPolicy(properties.allowPlainHttp(),
				AddressPolicy.of(properties.allowLoopback(), properties.allowedNetworks()), resolver(resolvers));
		return new WebhookService(store, urls, cipher, tenants, dispatcher, properties,
				new TransactionTemplate(transactions), clock, wake(polling));
	}

	@Bean
	WebhookOutbox webhookOutbox(WebhookStore store, Clock clock, WebhookProperties properties,
			ObjectProvider<WebhookPolling> polling) {
		return new WebhookOutbox(store, clock, properties, wake(polling));
	}

	@Bean
	WebhookSyncReplies webhookSyncReplies(WebhookStore store, WebhookDispatcher dispatcher,
			WebhookProperties properties) {
		return new WebhookSyncReplies(store, dispatcher, properties);
	}

	private static Runnable wake(ObjectProvider<WebhookPolling> polling) {
		return () -> polling.ifAvailable(WebhookPolling::wake);
	}

	/** Every instance polls; tests switch scheduling off and call the dispatcher themselves. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "atrium.scheduling.enabled", matchIfMissing = true)
	static class Polling {

		@Bean
		WebhookPolling webhookPolling(WebhookDispatcher dispatcher, WebhookProperties properties) {
			return new WebhookPolling(dispatcher, properties);
		}

	}

}

package io.atrium.upstream;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.atrium.TokenServiceTestApplication;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.IssuedApiKey;
import io.atrium.content.ContentIntegrationTests;
import io.atrium.content.ContentService;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot path's local caches of accounts and API keys, across two instances: what one instance changes, the other
 * stops serving at once (well within the caches' lifetime of a minute).
 */
@Tag(TestRedis.TAG)
class CacheEvictionTests extends ContentIntegrationTests {

	/** Pub/sub delivery between two instances on one machine; the cache lifetime is 60 s. */
	private static final Duration PROMPTLY = Duration.ofSeconds(5);

	@Autowired
	ContentService content;

	@Autowired
	ApiKeyService keys;

	@Test
	void anAccountRevokedOnOneInstanceIsRefusedByTheOtherAtOnce() {
		String appId = onboardedAccount("缓存甲", 11);
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(secondInstanceProperties())
			.run()) {
			ContentService other = second.getBean(ContentService.class);
			assertThat(other.materialCount(TenantScope.platform(), appId).imageCount()).isPositive();
			assertThat(this.content.materialCount(TenantScope.platform(), appId).imageCount()).isPositive();
			this.authorizations.revoke(appId, "test");
			assertThat(within(PROMPTLY, () -> refused(other, appId))).as("refused by the other instance").isTrue();
			assertThat(refused(this.content, appId)).isTrue();
		}
	}

	@Test
	void aKeyRevokedOnOneInstanceAuthenticatesNothingOnTheOther() {
		IssuedApiKey issued = this.keys.create("cached", null, "test");
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(secondInstanceProperties())
			.run()) {
			ApiKeyService other = second.getBean(ApiKeyService.class);
			assertThat(other.authenticate(issued.secret())).isPresent();
			assertThat(other.authenticate(issued.secret())).isPresent();
			this.keys.revoke(issued.key().id(), "test");
			assertThat(this.keys.authenticate(issued.secret())).isEmpty();
			assertThat(within(PROMPTLY, () -> other.authenticate(issued.secret()).isEmpty())).isTrue();
		}
	}

	private static boolean refused(ContentService instance, String appId) {
		try {
			instance.materialCount(TenantScope.platform(), appId);
			return false;
		}
		catch (AccountNotAuthorizedException ex) {
			return true;
		}
	}

	private static boolean within(Duration limit, BooleanSupplier condition) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return condition.getAsBoolean();
	}

}

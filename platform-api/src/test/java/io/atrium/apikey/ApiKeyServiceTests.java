package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.account.OfficialAccountRepository;
import io.atrium.content.ContentIntegrationTests;
import io.atrium.testsupport.TestRedis;
import io.atrium.upstream.CacheEvictions;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * API keys are stored hashed, scoped, shown once, and revocable.
 */
@Tag(TestRedis.TAG)
class ApiKeyServiceTests extends ContentIntegrationTests {

	@Autowired
	ApiKeyService keys;

	@Autowired
	Clock clock;

	@Autowired
	ApiKeyRepository repository;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	CacheEvictions evictions;

	@Autowired
	UpstreamProperties properties;

	@Autowired
	ApiKeyUsage usage;

	@Test
	void everyRequestCountedWhileFlushesRunIsAddedToRedisOnce() throws Exception {
		ApiKey key = this.keys.create("busy", null, "operator").key();
		// Key ids start again after each test and the Redis prefix stays: what an earlier test's key with this id
		// counted is added first and not counted here.
		this.usage.flush();
		long before = this.usage.uses(List.of(key)).get(key.id()).calls();
		int threads = 8;
		int requests = 20_000;
		ExecutorService callers = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				running.add(callers.submit(() -> {
					for (int n = 0; n < requests; n++) {
						this.usage.used(key.id());
					}
				}));
			}
			while (running.stream().anyMatch((future) -> !future.isDone())) {
				this.usage.flush();
			}
			for (Future<?> future : running) {
				future.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		this.usage.flush();
		assertThat(this.usage.uses(List.of(key)).get(key.id()).calls()).isEqualTo(before + threads * requests);
		this.usage.flush();
		assertThat(this.usage.uses(List.of(key)).get(key.id()).calls()).as("nothing added twice")
			.isEqualTo(before + threads * requests);
	}

	@Test
	void storesOnlyTheHashAndShowsTheSecretOnce() {
		IssuedApiKey issued = this.keys.create("reporting", null, "operator");
		assertThat(issued.secret()).startsWith("atr_").hasSize(47);
		assertThat(issued.toString()).doesNotContain(issued.secret());
		String stored = this.jdbc.sql("select key_hash from api_key where id = :id")
			.param("id", issued.key().id())
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo(ApiKeyService.hash(issued.secret())).doesNotContain(issued.secret());
		assertThat(this.keys.list()).singleElement()
			.satisfies((key) -> assertThat(key.hint()).isEqualTo(issued.secret().substring(0, 8)));
		assertThat(this.keys.create("other", null, "operator").secret()).isNotEqualTo(issued.secret());
	}

	@Test
	void aKeyIsScopedToThePlatformOrOneTenant() {
		long tenant = this.tenants.create("甲", null, null, null, null).id();
		assertThat(this.keys.authenticate(this.keys.create("all", null, "op").secret()))
			.hasValueSatisfying((key) -> assertThat(key.scope()).isEqualTo(TenantScope.platform()));
		assertThat(this.keys.authenticate(this.keys.create("one", tenant, "op").secret()))
			.hasValueSatisfying((key) -> assertThat(key.scope()).isEqualTo(TenantScope.tenant(tenant)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.keys.create("none", 999_999L, "op"));
	}

	@Test
	void aRevokedKeyAuthenticatesNothing() {
		IssuedApiKey issued = this.keys.create("old", null, "op");
		assertThat(this.keys.revoke(issued.key().id(), "op2")).hasValueSatisfying((key) -> {
			assertThat(key.isActive()).isFalse();
			assertThat(key.revokedBy()).isEqualTo("op2");
		});
		assertThat(this.keys.authenticate(issued.secret())).isEmpty();
		assertThat(this.keys.revoke(issued.key().id(), "op2")).isEmpty();
		assertThat(this.keys.authenticate("")).isEmpty();
	}

	@Test
	void aKeyKeepsItsGrantAndStopsAtItsExpiry() {
		Instant expiry = this.clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
		IssuedApiKey issued = this.keys.create("expiring", null, new ApiKeyGrant(
				Set.of(ApiScope.WECHAT_CALL, ApiScope.TOKEN_LEND), List.of("/cgi-bin/menu/*"), null, 10, expiry), "op");
		assertThat(this.keys.authenticate(issued.secret())).hasValueSatisfying((key) -> {
			assertThat(key.grant().scopes()).containsExactlyInAnyOrder(ApiScope.WECHAT_CALL, ApiScope.TOKEN_LEND);
			assertThat(key.grant().wechatPaths()).containsExactly("/cgi-bin/menu/*");
			assertThat(key.grant().perMinute()).isEqualTo(10);
			assertThat(key.grant().expiresAt()).isEqualTo(expiry);
			assertThat(WeChatPathAllowList.of(key).allows("/cgi-bin/menu/get")).isTrue();
			assertThat(WeChatPathAllowList.of(key).allows("/cgi-bin/user/get")).isFalse();
		});
		// The same keys read by a service whose clock has reached the expiry.
		ApiKeyService later = new ApiKeyService(this.repository, this.tenants, this.accounts,
				Clock.fixed(expiry, ZoneOffset.UTC), this.evictions, this.properties);
		assertThat(later.authenticate(issued.secret())).isEmpty();
		assertThat(this.keys.authenticate(issued.secret())).isPresent();
		// Two holders of a key cache in one instance: a revocation empties both.
		IssuedApiKey other = this.keys.create("two caches", null, "op");
		ApiKeyService second = new ApiKeyService(this.repository, this.tenants, this.accounts, this.clock,
				this.evictions, this.properties);
		assertThat(second.authenticate(other.secret())).isPresent();
		assertThat(this.keys.authenticate(other.secret())).isPresent();
		this.keys.revoke(other.key().id(), "op");
		assertThat(this.keys.authenticate(other.secret())).isEmpty();
		assertThat(second.authenticate(other.secret())).isEmpty();
	}

	@Test
	void aGrantThatDoesNotHoldTogetherCreatesNothing() {
		long before = this.keys.list().size();
		for (ApiKeyGrant grant : List.of(grant(Set.of(), List.of()), grant(Set.of(ApiScope.WECHAT_CALL), List.of()),
				grant(Set.of(ApiScope.CONTENT_READ), List.of("/cgi-bin/**")),
				grant(Set.of(ApiScope.WECHAT_CALL), List.of("cgi-bin/menu/get")),
				grant(Set.of(ApiScope.WECHAT_CALL), List.of("/cgi-bin/menu get")),
				new ApiKeyGrant(Set.of(ApiScope.CONTENT_READ), List.of(), null, 0, null),
				new ApiKeyGrant(Set.of(ApiScope.CONTENT_READ), List.of(), null, null, this.clock.instant()),
				new ApiKeyGrant(Set.of(ApiScope.CONTENT_READ), List.of(), "wx-no-such-account", null, null))) {
			assertThatIllegalArgumentException().as("%s", grant)
				.isThrownBy(() -> this.keys.create("refused", null, grant, "op"));
		}
		assertThat(this.keys.list()).hasSize((int) before);
	}

	private static ApiKeyGrant grant(Set<ApiScope> scopes, List<String> paths) {
		return new ApiKeyGrant(scopes, paths, null, null, null);
	}

}

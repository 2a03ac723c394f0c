package io.atrium.apikey;

import io.atrium.content.ContentIntegrationTests;
import io.atrium.upstream.TenantScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * API keys are stored hashed, scoped, shown once, and revocable.
 */
class ApiKeyServiceTests extends ContentIntegrationTests {

	@Autowired
	ApiKeyService keys;

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

}

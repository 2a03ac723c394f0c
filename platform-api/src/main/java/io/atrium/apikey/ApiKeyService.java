package io.atrium.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.atrium.crypto.Sha256;
import io.atrium.tenant.TenantRepository;

import org.springframework.stereotype.Service;

/**
 * Creates, revokes, lists and checks API keys. A key is {@code atr_} and 256 random bits (Base64url); only its
 * SHA-256 is stored, which is enough for a key of that entropy (no salt or slow hash needed: nothing to guess).
 */
@Service
public class ApiKeyService {

	static final String PREFIX = "atr_";

	private static final int HINT_LENGTH = 8;

	private final ApiKeyRepository keys;

	private final TenantRepository tenants;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, Clock clock) {
		this.keys = keys;
		this.tenants = tenants;
		this.clock = clock;
	}

	/**
	 * Creates a key; its secret is in the answer and nowhere else.
	 * @param tenantId the tenant the key is bound to, or null for a platform-wide key
	 */
	public IssuedApiKey create(String name, Long tenantId, String actor) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return register(name, tenantId, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
				actor);
	}

	/**
	 * Stores a key whose secret the caller chose: only for fixed, public demo keys and for importing keys from
	 * another system. The secret must be long enough not to be guessed.
	 */
	public IssuedApiKey register(String name, Long tenantId, String secret, String actor) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("An API key needs a name");
		}
		if (secret == null || secret.length() < 32) {
			throw new IllegalArgumentException("An API key must have at least 32 characters");
		}
		if (tenantId != null && this.tenants.findById(tenantId).isEmpty()) {
			throw new IllegalArgumentException("No tenant " + tenantId);
		}
		ApiKey key = this.keys.insert(name, tenantId, hash(secret), secret.substring(0, HINT_LENGTH), actor,
				this.clock.instant());
		return new IssuedApiKey(key, secret);
	}

	/** Whether a key with this secret was ever stored (active or revoked). */
	public boolean exists(String secret) {
		return this.keys.existsByHash(hash(secret));
	}

	/** Revokes a key: from now on it authenticates nothing. Empty if there is no active key with this id. */
	public Optional<ApiKey> revoke(long id, String actor) {
		return this.keys.revoke(id, actor, this.clock.instant());
	}

	public List<ApiKey> list() {
		return this.keys.findAll();
	}

	/** The active key with this secret, if any. */
	public Optional<ApiKey> authenticate(String secret) {
		if (secret == null || secret.isEmpty()) {
			return Optional.empty();
		}
		return this.keys.findActiveByHash(hash(secret));
	}

	static String hash(String secret) {
		return Sha256.hex(secret);
	}

}

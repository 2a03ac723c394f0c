package io.atrium.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.crypto.Sha256;
import io.atrium.tenant.TenantRepository;
import io.atrium.upstream.CacheEvictions;
import io.atrium.upstream.UpstreamProperties;

import org.springframework.stereotype.Service;

/**
 * Creates, revokes, lists and checks API keys. A key is {@code atr_} and 256 random bits (Base64url); only its
 * SHA-256 is stored, which is enough for a key of that entropy (no salt or slow hash needed: nothing to guess).
 */
@Service
public class ApiKeyService {

	static final String PREFIX = "atr_";

	private static final int HINT_LENGTH = 8;

	private static final String CACHE = "api-key";

	private static final int MAX_PATHS = 50;

	private static final int MAX_PER_MINUTE = 1_000_000;

	private final ApiKeyRepository keys;

	private final TenantRepository tenants;

	private final OfficialAccountRepository accounts;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final CacheEvictions evictions;

	/** Keys by hash, so that a request reads no PostgreSQL; a revocation empties it on every instance. */
	private final Cache<String, Optional<ApiKey>> byHash;

	ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, OfficialAccountRepository accounts, Clock clock,
			CacheEvictions evictions, UpstreamProperties properties) {
		this.keys = keys;
		this.tenants = tenants;
		this.accounts = accounts;
		this.clock = clock;
		this.evictions = evictions;
		this.byHash = Caffeine.newBuilder().expireAfterWrite(properties.cacheLifetime()).maximumSize(100_000).build();
		evictions.register(CACHE, (key) -> this.byHash.invalidateAll());
	}

	/**
	 * Creates a key; its secret is in the answer and nowhere else.
	 * @param tenantId the tenant the key is bound to, or null for a platform-wide key
	 */
	public IssuedApiKey create(String name, Long tenantId, String actor) {
		return create(name, tenantId, ApiKeyGrant.contentRead(), actor);
	}

	/**
	 * Creates a key with what it may do; its secret is in the answer and nowhere else.
	 * @param tenantId the tenant the key is bound to, or null for a platform-wide key (a key bound to an account
	 * belongs to the account's tenant)
	 * @throws IllegalArgumentException when the grant does not hold together (see {@link #checked})
	 */
	public IssuedApiKey create(String name, Long tenantId, ApiKeyGrant grant, String actor) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return register(name, tenantId, grant, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
				actor);
	}

	/**
	 * Stores a key whose secret the caller chose: only for fixed, public demo keys and for importing keys from
	 * another system. The secret must be long enough not to be guessed.
	 */
	public IssuedApiKey register(String name, Long tenantId, String secret, String actor) {
		return register(name, tenantId, ApiKeyGrant.contentRead(), secret, actor);
	}

	/** {@link #register(String, Long, String, String)} with what the key may do. */
	public IssuedApiKey register(String name, Long tenantId, ApiKeyGrant grant, String secret, String actor) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("An API key needs a name");
		}
		if (secret == null || secret.length() < 32) {
			throw new IllegalArgumentException("An API key must have at least 32 characters");
		}
		if (tenantId != null && this.tenants.findById(tenantId).isEmpty()) {
			throw new IllegalArgumentException("No tenant " + tenantId);
		}
		Long tenant = checked(tenantId, grant);
		ApiKey key = this.keys.insert(name, tenant, grant, hash(secret), secret.substring(0, HINT_LENGTH), actor,
				this.clock.instant());
		return new IssuedApiKey(key, secret);
	}

	/**
	 * Checks that a grant holds together, and returns the key's tenant (an account binding implies its tenant): at
	 * least one scope; path patterns exactly when it may call the gateway, each a path pattern without spaces; the
	 * component token for platform keys bound to no account only; an account of the key's tenant; a positive limit;
	 * an expiry in the future.
	 */
	private Long checked(Long tenantId, ApiKeyGrant grant) {
		if (grant.scopes().isEmpty()) {
			throw new IllegalArgumentException("An API key needs at least one scope");
		}
		if (grant.has(ApiScope.WECHAT_CALL) == grant.wechatPaths().isEmpty()) {
			throw new IllegalArgumentException(grant.has(ApiScope.WECHAT_CALL)
					? "A key with wechat:call needs the WeChat paths it may call, e.g. /cgi-bin/menu/*"
					: "WeChat paths are for keys with wechat:call only");
		}
		if (grant.wechatPaths().size() > MAX_PATHS) {
			throw new IllegalArgumentException("At most " + MAX_PATHS + " WeChat path patterns per key");
		}
		for (String path : grant.wechatPaths()) {
			WeChatPathAllowList.check(path);
		}
		Long tenant = tenantId;
		if (grant.appId() != null) {
			OfficialAccount account = this.accounts.findById(grant.appId())
				.filter((found) -> tenantId == null || found.tenantId() == tenantId)
				.orElseThrow(() -> new IllegalArgumentException("No account " + grant.appId() + " in this tenant"));
			tenant = account.tenantId();
		}
		if (grant.has(ApiScope.COMPONENT_TOKEN_LEND) && tenant != null) {
			throw new IllegalArgumentException(
					"component-token:lend is for platform keys only: the component token acts for every account");
		}
		if (grant.perMinute() != null && (grant.perMinute() < 1 || grant.perMinute() > MAX_PER_MINUTE)) {
			throw new IllegalArgumentException("A key's limit is 1 to " + MAX_PER_MINUTE + " requests per minute");
		}
		if (grant.expiresAt() != null && !grant.expiresAt().isAfter(this.clock.instant())) {
			throw new IllegalArgumentException("A key's expiry must be in the future");
		}
		return tenant;
	}

	/** Whether a key with this secret was ever stored (active or revoked). */
	public boolean exists(String secret) {
		return this.keys.existsByHash(hash(secret));
	}

	/** Revokes a key: from now on it authenticates nothing. Empty if there is no active key with this id. */
	public Optional<ApiKey> revoke(long id, String actor) {
		Optional<ApiKey> revoked = this.keys.revoke(id, actor, this.clock.instant());
		revoked.ifPresent((key) -> this.evictions.evict(CACHE, Long.toString(key.id())));
		return revoked;
	}

	public List<ApiKey> list() {
		return this.keys.findAll();
	}

	/** The active, unexpired key with this secret, if any. */
	public Optional<ApiKey> authenticate(String secret) {
		if (secret == null || secret.isEmpty()) {
			return Optional.empty();
		}
		return this.byHash.get(hash(secret), this.keys::findActiveByHash)
			.filter((key) -> !key.isExpired(this.clock.instant()));
	}

	static String hash(String secret) {
		return Sha256.hex(secret);
	}

}

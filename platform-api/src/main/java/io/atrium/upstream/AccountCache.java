package io.atrium.upstream;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atrium.account.AccountChanged;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;

import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Accounts as the hot path reads them: from memory, loaded from PostgreSQL at most once per lifetime. A change of
 * an account (authorization, revocation, permission sets) evicts it on every instance once committed; the short
 * lifetime bounds what a lost eviction message could leave stale.
 */
public final class AccountCache {

	static final String NAME = "account";

	private final OfficialAccountRepository accounts;

	private final CacheEvictions evictions;

	private final Cache<String, Optional<OfficialAccount>> cache;

	AccountCache(OfficialAccountRepository accounts, CacheEvictions evictions, Duration lifetime) {
		this.accounts = accounts;
		this.evictions = evictions;
		this.cache = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(100_000).build();
		evictions.register(NAME, this.cache::invalidate);
	}

	public Optional<OfficialAccount> find(String appId) {
		return this.cache.get(appId, this.accounts::findById);
	}

	/** After the change is committed: before, another request could load and keep the old state. */
	@TransactionalEventListener(fallbackExecution = true)
	public void changed(AccountChanged change) {
		this.evictions.evict(NAME, change.appId());
	}

}

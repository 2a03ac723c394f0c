package io.atrium.token.authorizer;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.atrium.account.AccountAuthorizations;
import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.cache.CachedToken;
import io.atrium.token.cache.FailingTokens;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSource.FreshToken;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.wechat.ComponentClient.TokenGrant;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Each authorizer's {@code authorizer_access_token}: cached, refreshed single-flight across instances, and
 * refreshed with the refresh token held in PostgreSQL. Every refresh token WeChat returns is persisted before
 * the access token is handed out. A refused refresh token (61023) is recovered from WeChat's authorizer list;
 * failing that the account is marked {@link AccountStatus#NEEDS_REAUTH}.
 */
@Service
public class AuthorizerTokenManager {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizerTokenManager.class);

	static final String ACTOR = "token-refresh";

	/** Failing tokens are few in any healthy platform; this bounds one check's work when they are not. */
	private static final int FAILING_CHECKED = 10_000;

	private final ComponentClient client;

	private final ComponentTokenManager componentTokens;

	private final TokenCache cache;

	private final OfficialAccountRepository accounts;

	private final AccountAuthorizations authorizations;

	private final RefreshTokenRecovery recovery;

	public AuthorizerTokenManager(ComponentClient client, ComponentTokenManager componentTokens, TokenCache cache,
			OfficialAccountRepository accounts, AccountAuthorizations authorizations, RefreshTokenRecovery recovery) {
		this.client = client;
		this.componentTokens = componentTokens;
		this.cache = cache;
		this.accounts = accounts;
		this.authorizations = authorizations;
		this.recovery = recovery;
	}

	/**
	 * The account's access token; one Redis read unless it has to be refreshed.
	 * @throws AccountNotAuthorizedException when the account is unknown, revoked or needs re-authorization
	 */
	public String get(String appId) {
		return current(appId).token();
	}

	/**
	 * The account's access token, given what a caller's script just read at {@link #cacheKey} (together with other
	 * keys under the account's hash tag: one round trip for both): that token while valid, else as {@link #get}.
	 * @param cachedValue what the key held, or null when nothing
	 * @throws AccountNotAuthorizedException when the account is unknown, revoked or needs re-authorization
	 */
	public String get(String appId, String cachedValue) {
		return forgetIfNotAuthorized(appId,
				() -> this.cache.get(TokenSubject.authorizer(appId), cachedValue, () -> fetch(appId)))
			.token();
	}

	/** Where the account's token is cached in Redis, under the hash tag {@code authorizer:<appid>}. */
	public String cacheKey(String appId) {
		return this.cache.tokenKey(TokenSubject.authorizer(appId));
	}

	/**
	 * A caller's WeChat call failed with 40001/40014/42001 using {@code failedToken}: evicts it if it is still the
	 * cached one, and returns a fresh token for the caller's one replay.
	 */
	public String refreshAfterFailure(String appId, String failedToken) {
		invalidateIfCurrent(appId, failedToken);
		return get(appId);
	}

	/**
	 * Evicts {@code failedToken} if it is still the cached one (the next {@link #get} refreshes, single-flight); a
	 * token already replaced is left alone, so a hundred reports of one refused token cause one refresh.
	 * @return whether it was evicted
	 */
	public boolean invalidateIfCurrent(String appId, String failedToken) {
		boolean evicted = this.cache.invalidateIfSame(TokenSubject.authorizer(appId), failedToken);
		if (evicted) {
			logger.info("Access token of {} refused by WeChat; refreshing", appId);
		}
		return evicted;
	}

	/**
	 * The account's access token with how long it counts as valid; one Redis read unless it has to be refreshed.
	 * @throws AccountNotAuthorizedException when the account is unknown, revoked or needs re-authorization
	 */
	public CachedToken current(String appId) {
		return forgetIfNotAuthorized(appId, () -> this.cache.get(TokenSubject.authorizer(appId), () -> fetch(appId)));
	}

	/** Proactive refresh, from the scheduler. */
	public void refreshIfDue(String appId) {
		forgetIfNotAuthorized(appId, () -> this.cache.refreshIfDue(TokenSubject.authorizer(appId), () -> fetch(appId)));
	}

	/**
	 * An operator's "refresh now": drops the cached token and fetches a new one (single-flight, like any miss). Only
	 * the token: the schedule entry and a failing mark (with when the failing began) stay until this refresh's
	 * outcome replaces them, so a retry from the console does not hide how long a token has been failing.
	 */
	public void refreshNow(String appId) {
		TokenSubject subject = TokenSubject.authorizer(appId);
		this.cache.read(subject).ifPresent((token) -> this.cache.invalidateIfSame(subject, token.token()));
		get(appId);
	}

	/**
	 * Forgets the accounts still listed as failing that are no longer authorized: normally a revocation forgets
	 * at once, but that write is best effort, and a lost one would otherwise stay on the dashboard for good.
	 * @return how many were forgotten
	 */
	public int forgetFailingNotAuthorized() {
		int forgotten = 0;
		for (FailingTokens.Entry entry : this.cache.failing(FAILING_CHECKED).longest()) {
			TokenSubject subject = entry.subject();
			if (subject.kind() == TokenSubject.Kind.AUTHORIZER && this.accounts.findById(subject.appId())
				.filter(OfficialAccount::isAuthorized)
				.isEmpty()) {
				evict(subject.appId());
				forgotten++;
			}
		}
		return forgotten;
	}

	/** Forgets the account's cached token (it was revoked). */
	public void evict(String appId) {
		this.cache.evict(TokenSubject.authorizer(appId));
	}

	/**
	 * Runs a cache operation for the account and, when the account turns out not to be authorized, forgets its
	 * token, schedule entry and failing mark. Here rather than inside {@link #fetch}: the cache records the refused
	 * refresh after the fetch threw, and a revoked account must not be left counted as failing.
	 */
	private <T> T forgetIfNotAuthorized(String appId, Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (AccountNotAuthorizedException ex) {
			evict(appId);
			throw ex;
		}
	}

	private FreshToken fetch(String appId) {
		OfficialAccount account = this.accounts.findById(appId)
			.orElseThrow(() -> new AccountNotAuthorizedException(appId, null));
		if (account.status() != AccountStatus.AUTHORIZED) {
			throw new AccountNotAuthorizedException(appId, account.status());
		}
		String refreshToken = this.accounts.findRefreshToken(appId).orElse(null);
		TokenGrant grant;
		try {
			grant = (refreshToken != null) ? request(appId, refreshToken) : recoverAndRequest(appId, null);
		}
		catch (WeChatApiException ex) {
			if (ex.kind() == WeChatErrorKind.REFRESH_TOKEN_INVALID) {
				grant = recoverAndRequest(appId, refreshToken);
			}
			else if (ex.kind() == WeChatErrorKind.AUTHORIZATION_CANCELLED) {
				this.authorizations.revoke(appId, "wechat:" + ex.errcode());
				throw new AccountNotAuthorizedException(appId, AccountStatus.REVOKED);
			}
			else {
				throw ex;
			}
		}
		if (grant.refreshToken() != null) {
			this.authorizations.recordRefreshToken(appId, grant.refreshToken(), ACTOR);
		}
		return new FreshToken(grant.accessToken(), Duration.ofSeconds(grant.expiresInSeconds()));
	}

	/**
	 * After a 61023: the token WeChat lists for the account, tried once. A different one means the stored token was
	 * superseded (a re-authorization whose push never arrived); the same one means WeChat refused the token it still
	 * lists, which a fault run showed to be worth one more try before sending the merchant a new link.
	 */
	private TokenGrant recoverAndRequest(String appId, String refusedToken) {
		Optional<String> recovered = this.recovery.recover(appId);
		if (recovered.isPresent()) {
			try {
				return request(appId, recovered.get());
			}
			catch (WeChatApiException ex) {
				if (ex.kind() != WeChatErrorKind.REFRESH_TOKEN_INVALID) {
					throw ex;
				}
			}
		}
		this.authorizations.markNeedsReauthorization(appId, ACTOR,
				"WeChat refused the refresh token (61023), also the one its authorizer list holds");
		throw new AccountNotAuthorizedException(appId, AccountStatus.NEEDS_REAUTH);
	}

	private TokenGrant request(String appId, String refreshToken) {
		return this.componentTokens.call((componentToken) -> this.client.authorizerAccessToken(componentToken, appId,
				refreshToken));
	}

}

package io.atrium.token.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.atrium.account.AccountAuthorizations;
import io.atrium.account.AccountHeldByAnotherTenantException;
import io.atrium.account.AuthorizerProfile;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSource.FreshToken;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.onboarding.AuthorizationClaims.Claim;
import io.atrium.token.onboarding.Redemption.Outcome;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.Authorization;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Redeems an authorization code exactly once, whoever presents it first: claim the code in PostgreSQL, call
 * {@code api_query_auth}, store the account (its refresh token before anything uses the access token), record the
 * outcome with the claim, then cache the access token. Losers of the claim never call WeChat; they read the
 * outcome. A claim is given up only when WeChat could not be asked, so that a retry can ask.
 */
@Component
class AuthorizationRedeemer {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizationRedeemer.class);

	/** Longer than any redemption takes (two WeChat calls with 10 s read timeouts); then its holder is presumed dead. */
	static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

	private final AuthorizationClaims claims;

	private final OnboardingSessions sessions;

	private final ComponentClient client;

	private final ComponentTokenManager componentTokens;

	private final AccountAuthorizations authorizations;

	private final OfficialAccountRepository accounts;

	private final TokenCache tokenCache;

	private final TransactionOperations transactions;

	private final Clock clock;

	AuthorizationRedeemer(AuthorizationClaims claims, OnboardingSessions sessions, ComponentClient client,
			ComponentTokenManager componentTokens, AccountAuthorizations authorizations,
			OfficialAccountRepository accounts, TokenCache tokenCache, TransactionOperations transactions,
			Clock clock) {
		this.claims = claims;
		this.sessions = sessions;
		this.client = client;
		this.componentTokens = componentTokens;
		this.authorizations = authorizations;
		this.accounts = accounts;
		this.tokenCache = tokenCache;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Redeems a code for the tenant of an onboarding session, and completes the session. */
	Redemption redeemForSession(OnboardingSession session, String code, String actor) {
		CodeHash hash = CodeHash.of(code);
		UUID claimId = UUID.randomUUID();
		if (!claim(hash, session.id(), claimId)) {
			return outcomeOf(hash, session.id());
		}
		Authorization authorization = queryAuth(hash, claimId, code);
		if (authorization == null) {
			return Redemption.of(Outcome.CODE_REJECTED, null);
		}
		String appId = authorization.authorizerAppId();
		try {
			AuthorizerProfile profile = profile(appId);
			OfficialAccount account = this.transactions.execute((status) -> {
				OfficialAccount stored = this.authorizations.authorize(session.tenantId(), appId,
						authorization.permissions(), authorization.token().refreshToken(), profile, actor);
				Instant now = this.clock.instant();
				this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.AUTHORIZED, appId, now);
				if (!this.sessions.complete(session.id(), appId, hash, now)) {
					logger.warn("Onboarding session {} was already completed; {} stored all the same", session.id(),
							appId);
				}
				return stored;
			});
			cacheAccessToken(authorization);
			logger.info("{} authorized for tenant {} with permission sets {}", appId, session.tenantId(),
					authorization.permissions());
			return new Redemption(Outcome.AUTHORIZED, account, appId);
		}
		catch (AccountHeldByAnotherTenantException ex) {
			this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.HELD_BY_ANOTHER_TENANT, appId,
					this.clock.instant());
			// The account stays with the tenant that holds it, but WeChat has re-authorized it all the same: the
			// old refresh token is dead and the granted sets are the new ones. Keep the holder's custody working.
			this.authorizations.updatePermissions(appId, authorization.permissions(),
					authorization.token().refreshToken(), actor + ":link-of-tenant-" + session.tenantId());
			cacheAccessToken(authorization);
			logger.warn("{} was authorized through a link of tenant {} but another tenant holds it; the holder keeps "
					+ "it with WeChat's new permission sets and refresh token", appId, session.tenantId());
			return Redemption.of(Outcome.HELD_BY_ANOTHER_TENANT, appId);
		}
		catch (RuntimeException ex) {
			this.claims.release(hash, claimId);
			throw ex;
		}
	}

	/** Redeems a code of {@code updateauthorized} for an account Atrium holds: new permission sets and refresh token. */
	Redemption redeemForHeldAccount(String appId, String code, String actor) {
		CodeHash hash = CodeHash.of(code);
		UUID claimId = UUID.randomUUID();
		if (!claim(hash, null, claimId)) {
			return outcomeOf(hash, null);
		}
		Authorization authorization = queryAuth(hash, claimId, code);
		if (authorization == null) {
			return Redemption.of(Outcome.CODE_REJECTED, appId);
		}
		if (!appId.equals(authorization.authorizerAppId())) {
			this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.CODE_REJECTED,
					authorization.authorizerAppId(), this.clock.instant());
			logger.warn("updateauthorized push for {} carried a code of {}; not stored", appId,
					authorization.authorizerAppId());
			return Redemption.of(Outcome.CODE_REJECTED, appId);
		}
		try {
			Optional<OfficialAccount> account = this.transactions.execute((status) -> {
				Optional<OfficialAccount> updated = this.authorizations.updatePermissions(appId,
						authorization.permissions(), authorization.token().refreshToken(), actor);
				this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.AUTHORIZED, appId, this.clock.instant());
				return updated;
			});
			cacheAccessToken(authorization);
			logger.info("{} changed its permission sets to {}", appId, authorization.permissions());
			return new Redemption(Outcome.AUTHORIZED, account.orElse(null), appId);
		}
		catch (RuntimeException ex) {
			this.claims.release(hash, claimId);
			throw ex;
		}
	}

	private boolean claim(CodeHash hash, UUID sessionId, UUID claimId) {
		Instant now = this.clock.instant();
		return this.claims.claim(hash, sessionId, claimId, now, now.minus(CLAIM_LEASE));
	}

	/** What the claim's holder recorded, for a caller that lost the claim. */
	private Redemption outcomeOf(CodeHash hash, UUID sessionId) {
		Optional<Claim> claim = this.claims.find(hash);
		if (claim.isEmpty() || claim.get().outcome() == null) {
			// Held and unfinished, or given up a moment ago: either way, ask again shortly.
			return Redemption.of(Outcome.IN_PROGRESS, null);
		}
		if (!Objects.equals(claim.get().sessionId(), sessionId)) {
			return Redemption.of(Outcome.CODE_OF_ANOTHER_SESSION, claim.get().appId());
		}
		String appId = claim.get().appId();
		return switch (claim.get().outcome()) {
			case AUTHORIZED -> new Redemption(Outcome.AUTHORIZED, this.accounts.findById(appId).orElse(null), appId);
			case HELD_BY_ANOTHER_TENANT -> Redemption.of(Outcome.HELD_BY_ANOTHER_TENANT, appId);
			case CODE_REJECTED -> Redemption.of(Outcome.CODE_REJECTED, appId);
		};
	}

	/**
	 * {@code api_query_auth}; null (and the claim finished as rejected) when WeChat refuses the code or returns no
	 * refresh token. Any other failure gives the claim up and propagates.
	 */
	private Authorization queryAuth(CodeHash hash, UUID claimId, String code) {
		try {
			Authorization authorization = this.componentTokens.call((token) -> this.client.queryAuth(token, code));
			if (authorization.authorizerAppId() == null || authorization.token().refreshToken() == null) {
				this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.CODE_REJECTED,
						authorization.authorizerAppId(), this.clock.instant());
				logger.warn("api_query_auth returned no refresh token for {}; the account lacks API permission",
						authorization.authorizerAppId());
				return null;
			}
			return authorization;
		}
		catch (WeChatApiException ex) {
			if (ex.kind() != WeChatErrorKind.CODE_INVALID) {
				this.claims.release(hash, claimId);
				throw ex;
			}
			this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.CODE_REJECTED, null, this.clock.instant());
			logger.warn("WeChat refused an authorization code with {}", ex.errcode());
			return null;
		}
		catch (RuntimeException ex) {
			this.claims.release(hash, claimId);
			throw ex;
		}
	}

	/** The account's profile; unknown when WeChat cannot tell now (it must not cost the authorization). */
	private AuthorizerProfile profile(String appId) {
		try {
			return this.componentTokens.call((token) -> this.client.authorizerInfo(token, appId)).profile();
		}
		catch (RuntimeException ex) {
			logger.warn("api_get_authorizer_info for {} failed ({}); storing the account without a profile", appId,
					ex.getMessage());
			return AuthorizerProfile.unknown();
		}
	}

	private void cacheAccessToken(Authorization authorization) {
		String accessToken = authorization.token().accessToken();
		long lifetime = authorization.token().expiresInSeconds();
		if (accessToken == null || lifetime <= 0) {
			return;
		}
		try {
			this.tokenCache.store(TokenSubject.authorizer(authorization.authorizerAppId()),
					new FreshToken(accessToken, Duration.ofSeconds(lifetime)));
		}
		catch (RuntimeException ex) {
			// The account and its refresh token are stored; the first caller will refresh.
			logger.warn("Could not cache the first access token of {}: {}", authorization.authorizerAppId(),
					ex.getMessage());
		}
	}

}

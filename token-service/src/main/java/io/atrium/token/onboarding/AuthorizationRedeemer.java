package io.atrium.token.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.atrium.account.AccountAuthorizations;
import io.atrium.account.AccountHeldByAnotherTenantException;
import io.atrium.account.AuthorizerProfile;
import io.atrium.account.GrantedPermissions;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSource.FreshToken;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.onboarding.AuthorizationClaims.Claim;
import io.atrium.token.onboarding.AuthorizationClaims.Held;
import io.atrium.token.onboarding.Redemption.Outcome;
import io.atrium.token.reconcile.AuthorizerReconciler;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.Authorization;
import io.atrium.token.wechat.ComponentClient.AuthorizerDetails;
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
 * outcome. A claim is given up only when WeChat clearly did not spend the code, so that a retry can ask. When it may
 * have spent it unseen (a timeout, or an answer whose write failed), the claim is kept, and the next arrival of the
 * code recovers the authorization from WeChat's authorizer list: nothing WeChat granted is lost to a failure of
 * Redis, PostgreSQL or WeChat midway.
 */
@Component
class AuthorizationRedeemer {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizationRedeemer.class);

	/**
	 * Longer than any redemption takes (a few WeChat calls with the default 10 s read timeout); then its holder is
	 * presumed dead.
	 */
	static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

	/** Appended to the audit actor of an authorization recovered from WeChat's authorizer list. */
	static final String RECOVERED = ":recovered";

	private final AuthorizationClaims claims;

	private final OnboardingSessions sessions;

	private final ComponentClient client;

	private final ComponentTokenManager componentTokens;

	private final AccountAuthorizations authorizations;

	private final OfficialAccountRepository accounts;

	private final TokenCache tokenCache;

	private final TransactionOperations transactions;

	private final AuthorizerReconciler reconciler;

	private final Clock clock;

	AuthorizationRedeemer(AuthorizationClaims claims, OnboardingSessions sessions, ComponentClient client,
			ComponentTokenManager componentTokens, AccountAuthorizations authorizations,
			OfficialAccountRepository accounts, TokenCache tokenCache, TransactionOperations transactions,
			AuthorizerReconciler reconciler, Clock clock) {
		this.claims = claims;
		this.sessions = sessions;
		this.client = client;
		this.componentTokens = componentTokens;
		this.authorizations = authorizations;
		this.accounts = accounts;
		this.tokenCache = tokenCache;
		this.transactions = transactions;
		this.reconciler = reconciler;
		this.clock = clock;
	}

	/**
	 * Redeems a code for the tenant of an onboarding session, and completes the session. When WeChat no longer
	 * accepts the code (61009/61010) but the authorizer is known (from the push, or from an earlier holder that
	 * WeChat answered), recovers the authorization from WeChat's authorizer list instead.
	 * @param pushedAppId the authorizer a push named, null for the browser's return (which does not name it)
	 */
	Redemption redeemForSession(OnboardingSession session, String code, String pushedAppId, String actor) {
		CodeHash hash = CodeHash.of(code);
		UUID claimId = UUID.randomUUID();
		Optional<Held> held = claim(hash, session.id(), claimId);
		if (held.isEmpty()) {
			return outcomeOf(hash, session.id());
		}
		if (held.get().appId() != null) {
			// An earlier holder had WeChat's answer and could not store it: the code is spent, the authorizer known.
			return recover(session, hash, claimId, held.get().appId(), actor);
		}
		Authorization authorization;
		try {
			authorization = queryAuth(hash, claimId, code);
		}
		catch (WeChatApiException ex) {
			if (ex.kind() != WeChatErrorKind.CODE_INVALID) {
				throw ex;
			}
			String appId = (pushedAppId != null && !pushedAppId.isEmpty()) ? pushedAppId : null;
			if (appId != null) {
				logger.info("WeChat no longer accepts the code of onboarding session {} ({}); recovering {} from its "
						+ "authorizer list", session.id(), ex.errcode(), appId);
				return recover(session, hash, claimId, appId, actor);
			}
			if (held.get().mayBeSpent()) {
				// An earlier attempt may have spent it unseen; the push names the authorizer and will finish.
				unconfirmed(hash, claimId, null);
				logger.info("The code of onboarding session {} was spent ({}); waiting for WeChat's push to name the "
						+ "authorizer", session.id(), ex.errcode());
				return Redemption.of(Outcome.AWAITING_PUSH, null);
			}
			this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.CODE_REJECTED, null, this.clock.instant());
			logger.warn("WeChat refused an authorization code with {}", ex.errcode());
			return Redemption.of(Outcome.CODE_REJECTED, null);
		}
		if (authorization == null) {
			return Redemption.of(Outcome.CODE_REJECTED, null);
		}
		String appId = authorization.authorizerAppId();
		Redemption redemption;
		try {
			redemption = store(session, hash, claimId, appId, authorization.permissions(),
					authorization.token().refreshToken(), profile(appId), actor);
		}
		catch (RuntimeException ex) {
			// WeChat has spent the code: keep the claim and the authorizer so that the next arrival recovers.
			unconfirmed(hash, claimId, appId);
			throw ex;
		}
		cacheAccessToken(authorization);
		return redemption;
	}

	/**
	 * Stores what WeChat holds for an authorizer whose code was spent without Atrium storing the account: the refresh
	 * token from {@code api_get_authorizer_list}, the permission sets and profile from
	 * {@code api_get_authorizer_info}. The claim stays unconfirmed when WeChat cannot tell now, so a retry can.
	 */
	private Redemption recover(OnboardingSession session, CodeHash hash, UUID claimId, String appId, String actor) {
		try {
			Optional<String> refreshToken = this.reconciler.listedRefreshToken(appId);
			if (refreshToken.isEmpty()) {
				this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.NOT_LISTED, appId, this.clock.instant());
				logger.warn("Could not recover {} for onboarding session {}: WeChat does not list it (cancelled since?)",
						appId, session.id());
				return Redemption.of(Outcome.NOT_LISTED, appId);
			}
			AuthorizerDetails details = this.componentTokens.call((token) -> this.client.authorizerInfo(token, appId));
			return store(session, hash, claimId, appId, details.permissions(), refreshToken.get(), details.profile(),
					actor + RECOVERED);
		}
		catch (RuntimeException ex) {
			unconfirmed(hash, claimId, appId);
			throw ex;
		}
	}

	/**
	 * Stores the account for the session's tenant, records the claim's outcome and completes the session, in one
	 * transaction; or, when another tenant holds the account, gives the holder WeChat's new state.
	 */
	private Redemption store(OnboardingSession session, CodeHash hash, UUID claimId, String appId,
			GrantedPermissions permissions, String refreshToken, AuthorizerProfile profile, String actor) {
		try {
			OfficialAccount account = this.transactions.execute((status) -> {
				OfficialAccount stored = this.authorizations.authorize(session.tenantId(), appId, permissions,
						refreshToken, profile, actor);
				Instant now = this.clock.instant();
				this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.AUTHORIZED, appId, now);
				if (!this.sessions.complete(session.id(), appId, hash, now)) {
					logger.warn("Onboarding session {} was already completed; {} stored all the same", session.id(),
							appId);
				}
				return stored;
			});
			logger.info("{} authorized for tenant {} with permission sets {}", appId, session.tenantId(), permissions);
			return new Redemption(Outcome.AUTHORIZED, account, appId);
		}
		catch (AccountHeldByAnotherTenantException ex) {
			this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.HELD_BY_ANOTHER_TENANT, appId,
					this.clock.instant());
			// The account stays with the tenant that holds it, but WeChat has re-authorized it all the same: the
			// old refresh token is dead and the granted sets are the new ones. Keep the holder's custody working.
			this.authorizations.updatePermissions(appId, permissions, refreshToken,
					actor + ":link-of-tenant-" + session.tenantId());
			logger.warn("{} was authorized through a link of tenant {} but another tenant holds it; the holder keeps "
					+ "it with WeChat's new permission sets and refresh token", appId, session.tenantId());
			return Redemption.of(Outcome.HELD_BY_ANOTHER_TENANT, appId);
		}
	}

	/**
	 * Redeems a code of {@code updateauthorized} for an account Atrium holds: new permission sets and refresh token.
	 * A code WeChat spent unseen is recovered from its authorizer list, as for a session.
	 */
	Redemption redeemForHeldAccount(String appId, String code, String actor) {
		CodeHash hash = CodeHash.of(code);
		UUID claimId = UUID.randomUUID();
		Optional<Held> held = claim(hash, null, claimId);
		if (held.isEmpty()) {
			return outcomeOf(hash, null);
		}
		if (held.get().appId() != null) {
			return recoverHeldAccount(hash, claimId, appId, actor);
		}
		Authorization authorization;
		try {
			authorization = queryAuth(hash, claimId, code);
		}
		catch (WeChatApiException ex) {
			if (ex.kind() != WeChatErrorKind.CODE_INVALID) {
				throw ex;
			}
			logger.info("WeChat no longer accepts the updateauthorized code of {} ({}); recovering it from its "
					+ "authorizer list", appId, ex.errcode());
			return recoverHeldAccount(hash, claimId, appId, actor);
		}
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
		Redemption redemption;
		try {
			redemption = storeUpdate(hash, claimId, appId, authorization.permissions(),
					authorization.token().refreshToken(), actor);
		}
		catch (RuntimeException ex) {
			unconfirmed(hash, claimId, appId);
			throw ex;
		}
		cacheAccessToken(authorization);
		return redemption;
	}

	private Redemption recoverHeldAccount(CodeHash hash, UUID claimId, String appId, String actor) {
		try {
			Optional<String> refreshToken = this.reconciler.listedRefreshToken(appId);
			if (refreshToken.isEmpty()) {
				this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.NOT_LISTED, appId, this.clock.instant());
				logger.warn("Could not recover the update of {}: WeChat does not list it (cancelled since?)", appId);
				return Redemption.of(Outcome.NOT_LISTED, appId);
			}
			AuthorizerDetails details = this.componentTokens.call((token) -> this.client.authorizerInfo(token, appId));
			return storeUpdate(hash, claimId, appId, details.permissions(), refreshToken.get(), actor + RECOVERED);
		}
		catch (RuntimeException ex) {
			unconfirmed(hash, claimId, appId);
			throw ex;
		}
	}

	private Redemption storeUpdate(CodeHash hash, UUID claimId, String appId, GrantedPermissions permissions,
			String refreshToken, String actor) {
		Optional<OfficialAccount> account = this.transactions.execute((status) -> {
			Optional<OfficialAccount> updated = this.authorizations.updatePermissions(appId, permissions, refreshToken,
					actor);
			this.claims.finish(hash, claimId, AuthorizationClaims.Outcome.AUTHORIZED, appId, this.clock.instant());
			return updated;
		});
		logger.info("{} changed its permission sets to {}", appId, permissions);
		return new Redemption(Outcome.AUTHORIZED, account.orElse(null), appId);
	}

	private Optional<Held> claim(CodeHash hash, UUID sessionId, UUID claimId) {
		Instant now = this.clock.instant();
		return this.claims.claim(hash, sessionId, claimId, now, now.minus(CLAIM_LEASE));
	}

	/** What the claim's holder recorded, for a caller that lost the claim. */
	private Redemption outcomeOf(CodeHash hash, UUID sessionId) {
		Optional<Claim> claim = this.claims.find(hash);
		if (claim.isEmpty() || claim.get().outcome() == null
				|| claim.get().outcome() == AuthorizationClaims.Outcome.UNCONFIRMED) {
			// Held and unfinished, or given up (or left unconfirmed) a moment ago: either way, ask again shortly.
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
			case NOT_LISTED -> Redemption.of(Outcome.NOT_LISTED, appId);
			case UNCONFIRMED -> throw new IllegalStateException("An unconfirmed claim is not an outcome");
		};
	}

	/**
	 * {@code api_query_auth}; null (and the claim finished as rejected) when WeChat returns no refresh token. A
	 * refusal of the code ({@link WeChatErrorKind#CODE_INVALID}) propagates with the claim held, for the caller to
	 * decide. WeChat's other refusals, and failures before WeChat was asked, give the claim up so that a retry can
	 * ask; a call without a clear answer (timeout, 5xx, I/O) may have spent the code, so the claim is kept unconfirmed.
	 */
	private Authorization queryAuth(CodeHash hash, UUID claimId, String code) {
		AtomicBoolean asked = new AtomicBoolean();
		try {
			Authorization authorization = this.componentTokens.call((token) -> {
				asked.set(true);
				return this.client.queryAuth(token, code);
			});
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
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			if (asked.get()) {
				unconfirmed(hash, claimId, null);
			}
			else {
				this.claims.release(hash, claimId);
			}
			throw ex;
		}
	}

	/** Keeps the claim for the next arrival of the code; if even that cannot be written, its lease runs out. */
	private void unconfirmed(CodeHash hash, UUID claimId, String appId) {
		try {
			this.claims.unconfirmed(hash, claimId, appId, this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not keep the claim of a possibly spent code{}: {}; it is taken over after {}",
					(appId != null) ? " of " + appId : "", ex.getMessage(), CLAIM_LEASE);
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

package io.atrium.sandbox.component;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.push.PushMessages;
import io.atrium.sandbox.push.PushRecord;
import io.atrium.sandbox.push.PushSender;
import io.atrium.sandbox.support.Redaction;

/**
 * What happens on WeChat's side when a merchant authorizes, re-authorizes or cancels, and when the platform redeems
 * a code or a refresh token: the authorization changes, a code or token is issued, and the matching event is
 * pushed to the auth-event URL. Used by the authorization pages, the control API and the component endpoints.
 * <p>
 * Everything that changes one account's authorization runs under that account's lock, the push included up to
 * the point where it is queued: so a concurrent revoke cannot slip between a check and a re-authorization, pushes
 * leave in the order the changes happened (the last code pushed is the valid one), and a token issued by a refresh
 * cannot outlive a revoke that ran at the same time. Callers wait for the push after the lock is released.
 */
public final class AuthorizationFlow {

	private final Clock clock;

	private final Authorizations authorizations;

	private final AuthCodes authCodes;

	private final PreAuthCodes preAuthCodes;

	private final AccessTokens authorizerTokens;

	private final PushSender pushes;

	private final PushMessages messages;

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	public AuthorizationFlow(Clock clock, ComponentState state, PushSender pushes, PushMessages messages) {
		this.clock = clock;
		this.authorizations = state.authorizations();
		this.authCodes = state.authCodes();
		this.preAuthCodes = state.preAuthCodes();
		this.authorizerTokens = state.authorizerTokens();
		this.pushes = pushes;
		this.messages = messages;
	}

	/**
	 * Authorizes an account (pushes {@code authorized}) or re-authorizes it (pushes {@code updateauthorized}); either
	 * way with a new refresh token.
	 * @param preAuthCode the pre-auth code spent on it; null when the control API authorizes, which then spends a
	 * fresh one so that the push carries a PreAuthCode as WeChat's does
	 */
	public Outcome authorize(String appid, Collection<Integer> permissionSets, String preAuthCode) {
		return grant(appid, permissionSets, preAuthCode, false).orElseThrow();
	}

	/**
	 * Changes the permission sets of an account that has authorized the platform (a re-authorization: pushes
	 * {@code updateauthorized}, new refresh token); empty, and nothing changed, when it has not (or no longer).
	 */
	public Optional<Outcome> change(String appid, Collection<Integer> permissionSets) {
		return grant(appid, permissionSets, null, true);
	}

	private Optional<Outcome> grant(String appid, Collection<Integer> permissionSets, String preAuthCode,
			boolean onlyIfAuthorized) {
		Authorizations.Grant grant;
		AuthCode code;
		String infoType;
		String spent;
		PushSender.Pending pending;
		synchronized (lock(appid)) {
			if (onlyIfAuthorized && this.authorizations.find(appid).isEmpty()) {
				return Optional.empty();
			}
			spent = (preAuthCode != null) ? preAuthCode : spendFreshPreAuthCode();
			grant = this.authorizations.authorize(appid, permissionSets);
			code = this.authCodes.issue(grant.authorization());
			infoType = grant.reauthorization() ? "updateauthorized" : "authorized";
			// CreateTime is the code's issue time, so that AuthorizationCodeExpiredTime - CreateTime is its lifetime.
			long now = code.expiresAt() - code.expiresIn();
			pending = this.pushes.enqueue(infoType, now,
					this.messages.authorization(infoType, now, appid, code.code(), code.expiresAt(), spent));
		}
		PushRecord push = pending.await().orElse(null);
		return Optional.of(new Outcome(grant.authorization(), code, infoType, spent, push));
	}

	/**
	 * Authorizes an account without pushing anything to the auth-event URL and returns the authorization code: how
	 * the 全网发布 test hands its test accounts' codes to the platform (in a message, {@code QUERY_AUTH_CODE:<code>}).
	 * Whether WeChat also pushes {@code authorized} for its test accounts is not documented; not pushing keeps them
	 * out of the platform's onboarding.
	 */
	public AuthCode authorizeQuietly(String appid, Collection<Integer> permissionSets) {
		synchronized (lock(appid)) {
			return this.authCodes.issue(this.authorizations.authorize(appid, permissionSets).authorization());
		}
	}

	private String spendFreshPreAuthCode() {
		String code = this.preAuthCodes.issue().code();
		this.preAuthCodes.consume(code);
		return code;
	}

	/** Cancels an account's authorization and pushes {@code unauthorized}; empty when it was not authorized. */
	public Optional<Revoked> revoke(String appid) {
		Authorization revoked;
		PushSender.Pending pending;
		synchronized (lock(appid)) {
			Optional<Authorization> current = this.authorizations.revoke(appid);
			if (current.isEmpty()) {
				return Optional.empty();
			}
			revoked = current.get();
			// Tokens of a cancelled authorization must not come back to life if the merchant authorizes again.
			this.authorizerTokens.invalidate(appid);
			long now = this.clock.millis() / 1000;
			pending = this.pushes.enqueue("unauthorized", now, this.messages.unauthorized(now, appid));
		}
		return Optional.of(new Revoked(revoked, pending.await().orElse(null)));
	}

	/**
	 * api_query_auth: spends an authorization code of the account's current authorization and issues an authorizer
	 * access token. Throws 61009 (unknown, used, or of a superseded or cancelled authorization) or 61010 (expired).
	 */
	public Redeemed redeem(String authorizationCode) {
		Optional<String> appid = this.authCodes.appidOf(authorizationCode);
		if (appid.isEmpty()) {
			this.authCodes.redeem(authorizationCode);
			throw new IllegalStateException("an unknown code was redeemed");
		}
		synchronized (lock(appid.get())) {
			AuthCode redeemed = this.authCodes.redeem(authorizationCode);
			Authorization authorization = this.authorizations.find(redeemed.appid())
				.filter((current) -> current.generation() == redeemed.generation())
				.orElseThrow(WeChatError.CODE_INVALID::exception);
			return new Redeemed(authorization, this.authorizerTokens.issue(authorization.appid()));
		}
	}

	/**
	 * api_authorizer_token: checks the refresh token (rotating it when asked, in the same step) and issues an
	 * authorizer access token. Throws 61003 (not authorized) or 61023 (not the current refresh token).
	 */
	public Redeemed refresh(String appid, String refreshToken, boolean rotate) {
		if (appid == null) {
			this.authorizations.refresh(null, refreshToken, rotate);
			throw new IllegalStateException("a refresh without an appid succeeded");
		}
		synchronized (lock(appid)) {
			Authorization authorization = this.authorizations.refresh(appid, refreshToken, rotate);
			return new Redeemed(authorization, this.authorizerTokens.issue(appid));
		}
	}

	private Object lock(String appid) {
		return this.locks.computeIfAbsent(appid, (key) -> new Object());
	}

	/** An (re-)authorization: the new state, its code, what was pushed (null when nothing was). */
	public record Outcome(Authorization authorization, AuthCode code, String infoType, String preAuthCode,
			PushRecord push) {

		/** Codes and the refresh token stay out of logs. */
		@Override
		public String toString() {
			return "Outcome[authorization=" + this.authorization + ", code=" + this.code + ", infoType="
					+ this.infoType + ", preAuthCode=" + Redaction.mask(this.preAuthCode) + ", push=" + this.push + "]";
		}

	}

	/** A cancelled authorization and its push (null when nothing was pushed). */
	public record Revoked(Authorization authorization, PushRecord push) {

		/** The refresh token and the push's plaintext stay out of logs. */
		@Override
		public String toString() {
			return "Revoked[authorization=" + this.authorization + ", push=" + this.push + "]";
		}

	}

	/** The authorization a code or refresh token stood for, and the authorizer access token issued for it. */
	public record Redeemed(Authorization authorization, AccessTokens.Issued token) {

		/** The refresh token and the access token stay out of logs. */
		@Override
		public String toString() {
			return "Redeemed[authorization=" + this.authorization + ", token=" + this.token + "]";
		}

	}

}

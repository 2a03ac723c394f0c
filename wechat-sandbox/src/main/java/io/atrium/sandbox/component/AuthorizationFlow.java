package io.atrium.sandbox.component;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;

import io.atrium.sandbox.push.PushMessages;
import io.atrium.sandbox.push.PushRecord;
import io.atrium.sandbox.push.PushSender;

/**
 * What happens on WeChat's side when a merchant authorizes, re-authorizes or cancels: the authorization changes, an
 * authorization code is issued, and the matching event is pushed to the auth-event URL. Used by the authorization
 * pages and by the control API; answers after the push was attempted.
 */
public final class AuthorizationFlow {

	private final Clock clock;

	private final Authorizations authorizations;

	private final AuthCodes authCodes;

	private final PreAuthCodes preAuthCodes;

	private final AccessTokens authorizerTokens;

	private final PushSender pushes;

	private final PushMessages messages;

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
		String spent = preAuthCode;
		if (spent == null) {
			spent = this.preAuthCodes.issue().code();
			this.preAuthCodes.consume(spent);
		}
		Authorizations.Grant grant = this.authorizations.authorize(appid, permissionSets);
		AuthCode code = this.authCodes.issue(grant.authorization());
		String infoType = grant.reauthorization() ? "updateauthorized" : "authorized";
		// CreateTime is the code's issue time, so that AuthorizationCodeExpiredTime - CreateTime is its lifetime.
		long now = code.expiresAt() - code.expiresIn();
		Optional<PushRecord> push = this.pushes.send(infoType, now,
				this.messages.authorization(infoType, now, appid, code.code(), code.expiresAt(), spent));
		return new Outcome(grant.authorization(), code, infoType, spent, push.orElse(null));
	}

	/** Cancels an account's authorization and pushes {@code unauthorized}; empty when it was not authorized. */
	public Optional<Revoked> revoke(String appid) {
		Optional<Authorization> revoked = this.authorizations.revoke(appid);
		if (revoked.isEmpty()) {
			return Optional.empty();
		}
		// Tokens of a cancelled authorization must not come back to life if the merchant authorizes again.
		this.authorizerTokens.invalidate(appid);
		long now = this.clock.millis() / 1000;
		Optional<PushRecord> push = this.pushes.send("unauthorized", now, this.messages.unauthorized(now, appid));
		return Optional.of(new Revoked(revoked.get(), push.orElse(null)));
	}

	/** An (re-)authorization: the new state, its code, what was pushed (null when nothing was). */
	public record Outcome(Authorization authorization, AuthCode code, String infoType, String preAuthCode,
			PushRecord push) {
	}

	public record Revoked(Authorization authorization, PushRecord push) {
	}

}

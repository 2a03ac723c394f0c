package io.atrium.lending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.apikey.ApiKey;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.cache.CachedToken;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.upstream.AccountGate;

import org.springframework.stereotype.Service;

/**
 * Lends tokens to the provider's other systems, so that Atrium alone refreshes them (WeChat's 中控 advice).
 * <p>
 * A lent token is never ended early by Atrium: it refreshes a token at its {@code refreshAt}, before it counts as expired,
 * and WeChat keeps the old token working for {@link #WECHAT_OVERLAP} after a new one is issued, so a lend is good
 * until the refresh is due plus that overlap (never past the token's own expiry). A lend asked for after that
 * point first refreshes (single-flight), so it is never handed out with less than the overlap to go. A reported
 * refusal evicts the token only if it is still the current one, then answers the current token: a hundred systems
 * reporting one token cause one refresh. Every lend and report is audited ({@link LendLog}).
 */
@Service
class TokenLending {

	/** How long WeChat keeps an access token working after a new one was issued for the same account. */
	static final Duration WECHAT_OVERLAP = Duration.ofMinutes(5);

	private final AccountGate gate;

	private final AuthorizerTokenManager tokens;

	private final ComponentTokenManager componentTokens;

	private final LendLog log;

	private final Clock clock;

	TokenLending(AccountGate gate, AuthorizerTokenManager tokens, ComponentTokenManager componentTokens,
			LendLog log, Clock clock) {
		this.gate = gate;
		this.tokens = tokens;
		this.componentTokens = componentTokens;
		this.log = log;
		this.clock = clock;
	}

	LentToken lend(ApiKey key, String appId) {
		authorized(key, appId);
		CachedToken token = this.tokens.current(appId);
		if (!goodUntil(token).isAfter(this.clock.instant())) {
			this.tokens.refreshIfDue(appId);
			token = this.tokens.current(appId);
		}
		this.log.record(key.id(), appId, LendLog.Kind.LEND, false, this.clock.instant());
		return LentToken.of(token.token(), goodUntil(token), this.clock.instant());
	}

	LentToken reportInvalid(ApiKey key, String appId, String refused) {
		authorized(key, appId);
		boolean refreshed = this.tokens.invalidateIfCurrent(appId, refused);
		CachedToken token = this.tokens.current(appId);
		this.log.record(key.id(), appId, LendLog.Kind.REPORT_INVALID, refreshed, this.clock.instant());
		return LentToken.of(token.token(), goodUntil(token), this.clock.instant());
	}

	LentToken lendComponent(ApiKey key) {
		CachedToken token = this.componentTokens.current();
		if (!goodUntil(token).isAfter(this.clock.instant())) {
			this.componentTokens.refreshIfDue();
			token = this.componentTokens.current();
		}
		this.log.record(key.id(), null, LendLog.Kind.LEND, false, this.clock.instant());
		return LentToken.of(token.token(), goodUntil(token), this.clock.instant());
	}

	LentToken reportComponentInvalid(ApiKey key, String refused) {
		boolean refreshed = this.componentTokens.invalidateIfCurrent(refused);
		CachedToken token = this.componentTokens.current();
		this.log.record(key.id(), null, LendLog.Kind.REPORT_INVALID, refreshed, this.clock.instant());
		return LentToken.of(token.token(), goodUntil(token), this.clock.instant());
	}

	/** Until the refresh is due plus WeChat's overlap, never past the token's own validity. */
	private Instant goodUntil(CachedToken token) {
		Instant overlapEnds = token.refreshAt().plus(WECHAT_OVERLAP);
		return overlapEnds.isBefore(token.validUntil()) ? overlapEnds : token.validUntil();
	}

	private void authorized(ApiKey key, String appId) {
		OfficialAccount account = this.gate.visible(key.scope(), appId);
		if (account.status() != AccountStatus.AUTHORIZED) {
			throw new AccountNotAuthorizedException(appId, account.status());
		}
	}

}

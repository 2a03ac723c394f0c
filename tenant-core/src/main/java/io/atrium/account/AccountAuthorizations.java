package io.atrium.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.atrium.account.AuditEntry.AccountState;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Every change to an account's authorization, each in one transaction with its audit entry, under a row lock
 * so that a push and a redirect carrying the same authorization cannot interleave.
 */
@Service
public class AccountAuthorizations {

	private final OfficialAccountRepository accounts;

	private final AuthorizationAuditLog audit;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public AccountAuthorizations(OfficialAccountRepository accounts, AuthorizationAuditLog audit,
			TransactionOperations transactions, Clock clock, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Stores a (re-)authorization for a tenant. An account may move to another tenant only once it is revoked:
	 * while it is authorized, or waiting for re-authorization, it stays with the tenant that holds it.
	 * @throws AccountHeldByAnotherTenantException if another tenant holds the account
	 */
	public OfficialAccount authorize(long tenantId, String appId, GrantedPermissions permissions, String refreshToken,
			AuthorizerProfile profile, String actor) {
		Objects.requireNonNull(refreshToken, "refreshToken");
		return inTransaction(() -> {
			Instant now = this.clock.instant();
			Optional<OfficialAccount> existing = this.accounts.findByIdForUpdate(appId);
			if (existing.isPresent() && existing.get().tenantId() != tenantId
					&& existing.get().status() != AccountStatus.REVOKED) {
				throw new AccountHeldByAnotherTenantException(appId);
			}
			OfficialAccount before = existing.orElse(null);
			AuthorizerProfile mergedProfile = (before != null && profile.nickname() == null) ? before.profile() : profile;
			OfficialAccount after = new OfficialAccount(appId, tenantId, AccountStatus.AUTHORIZED, permissions,
					mergedProfile, now, null, (before != null) ? before.createdAt() : now, now);
			if (before == null) {
				this.accounts.insert(after, refreshToken);
			}
			else {
				this.accounts.update(after);
				this.accounts.writeRefreshToken(appId, refreshToken);
			}
			record(appId, actor, AuditAction.AUTHORIZED, null, before, after, now);
			return after;
		});
	}

	/**
	 * Takes an authorizer Atrium has never held into custody for a tenant, as an authorization would, but only if
	 * no row exists for it (in any state, of any tenant): an import never moves or overwrites an account.
	 * @return the stored account; empty when the account exists already (nothing changed)
	 */
	public Optional<OfficialAccount> importAuthorization(long tenantId, String appId, GrantedPermissions permissions,
			String refreshToken, AuthorizerProfile profile, String actor, String detail) {
		Objects.requireNonNull(refreshToken, "refreshToken");
		try {
			return inTransaction(() -> {
				if (this.accounts.findByIdForUpdate(appId).isPresent()) {
					return Optional.empty();
				}
				Instant now = this.clock.instant();
				OfficialAccount account = new OfficialAccount(appId, tenantId, AccountStatus.AUTHORIZED, permissions,
						profile, now, null, now, now);
				this.accounts.insert(account, refreshToken);
				record(appId, actor, AuditAction.IMPORTED, detail, null, account, now);
				return Optional.of(account);
			});
		}
		catch (DuplicateKeyException ex) {
			// Authorized meanwhile (a push or a redirect won the race): it stays as that authorization stored it.
			return Optional.empty();
		}
	}

	/** Stores changed permission sets ({@code updateauthorized}), and the refresh token when one came with it. */
	public Optional<OfficialAccount> updatePermissions(String appId, GrantedPermissions permissions,
			String refreshToken, String actor) {
		return change(appId, actor, AuditAction.AUTHORIZATION_UPDATED, null,
				(refreshToken != null) ? TokenChange.set(refreshToken) : TokenChange.KEEP,
				(before, now) -> new OfficialAccount(appId, before.tenantId(), AccountStatus.AUTHORIZED, permissions,
						before.profile(), before.authorizedAt(), null, before.createdAt(), now));
	}

	/** Marks the account revoked and purges its refresh token; the history stays. */
	public Optional<OfficialAccount> revoke(String appId, String actor) {
		return change(appId, actor, AuditAction.REVOKED, null, TokenChange.PURGE,
				(before, now) -> new OfficialAccount(appId, before.tenantId(), AccountStatus.REVOKED,
						before.permissions(), before.profile(), before.authorizedAt(), now, before.createdAt(), now));
	}

	/** Marks the account as needing the merchant to authorize again; keeps the (refused) refresh token. */
	public Optional<OfficialAccount> markNeedsReauthorization(String appId, String actor, String reason) {
		return change(appId, actor, AuditAction.NEEDS_REAUTH, reason, TokenChange.KEEP,
				(before, now) -> new OfficialAccount(appId, before.tenantId(), AccountStatus.NEEDS_REAUTH,
						before.permissions(), before.profile(), before.authorizedAt(), before.revokedAt(),
						before.createdAt(), now));
	}

	/** Reconcile found the refresh token WeChat holds for the account; store it and trust the account again. */
	public Optional<OfficialAccount> restoreRefreshToken(String appId, String refreshToken, String actor) {
		Objects.requireNonNull(refreshToken, "refreshToken");
		return change(appId, actor, AuditAction.REFRESH_TOKEN_RESTORED, null, TokenChange.set(refreshToken),
				(before, now) -> new OfficialAccount(appId, before.tenantId(), AccountStatus.AUTHORIZED,
						before.permissions(), before.profile(), before.authorizedAt(), null, before.createdAt(), now));
	}

	/**
	 * Persists the refresh token a token refresh returned. Writes (and audits) only when it differs from the
	 * stored one, so the common case costs one read.
	 * @return whether the stored token changed
	 */
	public boolean recordRefreshToken(String appId, String refreshToken, String actor) {
		Objects.requireNonNull(refreshToken, "refreshToken");
		if (this.accounts.findRefreshToken(appId).filter(refreshToken::equals).isPresent()) {
			return false;
		}
		return change(appId, actor, AuditAction.REFRESH_TOKEN_ROTATED, null, TokenChange.set(refreshToken),
				(before, now) -> (before.status() == AccountStatus.REVOKED) ? null
						: new OfficialAccount(appId, before.tenantId(), before.status(), before.permissions(),
								before.profile(), before.authorizedAt(), before.revokedAt(), before.createdAt(), now))
			.isPresent();
	}

	/** Stores a fresh profile from {@code api_get_authorizer_info}; not an authorization change, so not audited. */
	public void updateProfile(String appId, AuthorizerProfile profile) {
		inTransaction(() -> {
			this.accounts.findByIdForUpdate(appId).ifPresent((before) -> this.accounts.update(
					new OfficialAccount(appId, before.tenantId(), before.status(), before.permissions(), profile,
							before.authorizedAt(), before.revokedAt(), before.createdAt(), this.clock.instant())));
			this.events.publishEvent(new AccountChanged(appId));
			return null;
		});
	}

	private Optional<OfficialAccount> change(String appId, String actor, AuditAction action, String detail,
			TokenChange tokenChange, Transition transition) {
		return inTransaction(() -> {
			Instant now = this.clock.instant();
			Optional<OfficialAccount> existing = this.accounts.findByIdForUpdate(appId);
			if (existing.isEmpty()) {
				return Optional.empty();
			}
			OfficialAccount before = existing.get();
			OfficialAccount after = transition.apply(before, now);
			if (after == null) {
				return Optional.empty();
			}
			this.accounts.update(after);
			if (tokenChange != TokenChange.KEEP) {
				this.accounts.writeRefreshToken(appId, tokenChange.token());
			}
			record(appId, actor, action, detail, before, after, now);
			return Optional.of(after);
		});
	}

	private void record(String appId, String actor, AuditAction action, String detail, OfficialAccount before,
			OfficialAccount after, Instant now) {
		this.audit.append(new AuditEntry(appId, after.tenantId(), actor, action, detail, AccountState.of(before),
				AccountState.of(after), now));
		this.events.publishEvent(new AccountChanged(appId));
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

	/** What a change does to the stored refresh token: keep it, purge it (null) or set a new one. */
	private record TokenChange(String token) {

		static final TokenChange KEEP = new TokenChange("");

		static final TokenChange PURGE = new TokenChange(null);

		static TokenChange set(String token) {
			return new TokenChange(token);
		}

	}

	@FunctionalInterface
	private interface Transition {

		/** The account after the change, or null to leave it unchanged. */
		OfficialAccount apply(OfficialAccount before, Instant now);

	}

}

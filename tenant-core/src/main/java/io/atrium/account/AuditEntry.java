package io.atrium.account;

import java.time.Instant;

/**
 * One change of an account's authorization: who or what made it, when, and the account before and after.
 * The states never hold a token.
 *
 * @param actor who or what made the change, e.g. {@code wechat:authorized}, {@code reconcile}, {@code user:alice}
 * @param before the account before the change, null when it did not exist
 * @param after the account after the change
 */
public record AuditEntry(String appId, Long tenantId, String actor, AuditAction action, String detail,
		AccountState before, AccountState after, Instant occurredAt) {

	/**
	 * The audited part of an account: what an operator needs to see what changed.
	 */
	public record AccountState(long tenantId, AccountStatus status, java.util.List<Integer> permissions,
			String nickname) {

		static AccountState of(OfficialAccount account) {
			return (account != null) ? new AccountState(account.tenantId(), account.status(),
					java.util.List.copyOf(account.permissions().ids()), account.profile().nickname()) : null;
		}

	}

}

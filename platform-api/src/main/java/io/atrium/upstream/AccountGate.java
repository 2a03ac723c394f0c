package io.atrium.upstream;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.token.authorizer.AccountNotAuthorizedException;

/**
 * The gate before any call of an authorizer API, for the content API and the gateway alike: the account exists and
 * is the caller's (else {@link AccountNotFoundException}: another tenant's account is indistinguishable from none),
 * is {@link AccountStatus#AUTHORIZED} (else {@link AccountNotAuthorizedException}) and holds one of the API's
 * permission sets (else {@link PermissionNotGrantedException}). No quota is spent on a call that was bound to fail,
 * and no PostgreSQL query is made for an account read recently ({@link AccountCache}).
 */
public final class AccountGate {

	private final AccountCache accounts;

	public AccountGate(AccountCache accounts) {
		this.accounts = accounts;
	}

	/** The caller's account, checked for this API. */
	public OfficialAccount admit(TenantScope scope, String appId, WeChatApi api) {
		OfficialAccount account = visible(scope, appId);
		if (account.status() != AccountStatus.AUTHORIZED) {
			throw new AccountNotAuthorizedException(appId, account.status());
		}
		if (!api.grantedBy(account.permissions())) {
			throw new PermissionNotGrantedException(appId, api.permissionSets(), null);
		}
		return account;
	}

	/** The caller's account, whatever its status. */
	public OfficialAccount visible(TenantScope scope, String appId) {
		return this.accounts.find(appId)
			.filter(scope::includes)
			.orElseThrow(() -> new AccountNotFoundException(appId));
	}

}

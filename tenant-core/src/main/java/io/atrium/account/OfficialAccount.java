package io.atrium.account;

import java.time.Instant;

/**
 * An official account (authorizer) in the platform's custody, as the rest of the system may see it. The
 * refresh token is deliberately not part of this value: it is read and written only through
 * {@link OfficialAccountRepository#findRefreshToken} and never travels with the account into views or logs.
 */
public record OfficialAccount(String appId, long tenantId, AccountStatus status, GrantedPermissions permissions,
		AuthorizerProfile profile, Instant authorizedAt, Instant revokedAt, Instant createdAt, Instant updatedAt) {

	public boolean isAuthorized() {
		return this.status == AccountStatus.AUTHORIZED;
	}

	/** What people call the account: its nickname, or its appid while WeChat has not told us the nickname. */
	public String displayName() {
		return (this.profile != null && this.profile.nickname() != null) ? this.profile.nickname() : this.appId;
	}

}

package io.atrium.upstream;

import io.atrium.account.OfficialAccount;

/**
 * Whose accounts a caller may see: every tenant's (platform scope, {@code tenantId} null), one tenant's, or one
 * account of one tenant ({@code appId} set: an API key bound to an account). Enforced where accounts are read
 * ({@link AccountGate}, the content services), not only in controllers.
 *
 * @param tenantId the tenant, or null for the whole platform
 * @param appId the one account, or null for all of the tenant's; only with a tenant
 */
public record TenantScope(Long tenantId, String appId) {

	public TenantScope {
		if (appId != null && tenantId == null) {
			throw new IllegalArgumentException("An account scope belongs to the account's tenant");
		}
	}

	public static TenantScope platform() {
		return new TenantScope(null, null);
	}

	public static TenantScope tenant(long tenantId) {
		return new TenantScope(tenantId, null);
	}

	public static TenantScope account(long tenantId, String appId) {
		return new TenantScope(tenantId, appId);
	}

	public boolean isPlatform() {
		return this.tenantId == null;
	}

	public boolean includes(OfficialAccount account) {
		return isPlatform() || (this.tenantId == account.tenantId()
				&& (this.appId == null || this.appId.equals(account.appId())));
	}

}

package io.atrium.content;

import io.atrium.account.OfficialAccount;

/**
 * Whose accounts a caller may see: every tenant's (platform scope, {@code tenantId} null) or one tenant's.
 * Enforced in {@link ContentService}, not only in controllers.
 */
public record TenantScope(Long tenantId) {

	public static TenantScope platform() {
		return new TenantScope(null);
	}

	public static TenantScope tenant(long tenantId) {
		return new TenantScope(tenantId);
	}

	public boolean isPlatform() {
		return this.tenantId == null;
	}

	public boolean includes(OfficialAccount account) {
		return isPlatform() || this.tenantId == account.tenantId();
	}

}

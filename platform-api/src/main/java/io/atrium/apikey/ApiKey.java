package io.atrium.apikey;

import java.time.Instant;

import io.atrium.upstream.TenantScope;

/**
 * An API key as operators see it: never the key itself, only its hint.
 *
 * @param id the key's id
 * @param name what the operator called it
 * @param tenantId the tenant it is bound to, or null for a platform-wide key
 * @param grant what it may do, where, how often and until when
 * @param hint the key's first characters
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedBy who revoked it, or null
 * @param revokedAt when, or null while it is active
 */
public record ApiKey(long id, String name, Long tenantId, ApiKeyGrant grant, String hint, String createdBy,
		Instant createdAt, String revokedBy, Instant revokedAt) {

	public boolean isActive() {
		return this.revokedAt == null;
	}

	/** Whether it has expired by {@code now}. */
	public boolean isExpired(Instant now) {
		return this.grant.expiresAt() != null && !now.isBefore(this.grant.expiresAt());
	}

	public TenantScope scope() {
		if (this.tenantId == null) {
			return TenantScope.platform();
		}
		return (this.grant.appId() != null) ? TenantScope.account(this.tenantId, this.grant.appId())
				: TenantScope.tenant(this.tenantId);
	}

}

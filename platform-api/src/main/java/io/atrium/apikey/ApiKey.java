package io.atrium.apikey;

import java.time.Instant;

import io.atrium.upstream.TenantScope;

/**
 * An API key as operators see it: never the key itself, only its hint.
 *
 * @param id the key's id
 * @param name what the operator called it
 * @param tenantId the tenant it is bound to, or null for a platform-wide key
 * @param hint the key's first characters
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedBy who revoked it, or null
 * @param revokedAt when, or null while it is active
 */
public record ApiKey(long id, String name, Long tenantId, String hint, String createdBy, Instant createdAt,
		String revokedBy, Instant revokedAt) {

	public boolean isActive() {
		return this.revokedAt == null;
	}

	public TenantScope scope() {
		return (this.tenantId != null) ? TenantScope.tenant(this.tenantId) : TenantScope.platform();
	}

}

package io.atrium.content.index;

import java.util.List;
import java.util.Map;

import io.atrium.upstream.TenantScope;

/**
 * Whose content a read of the index may see, as conditions on a table with an {@code appid} column: across the
 * platform, every authorized account; for a tenant's key, its authorized accounts (read as a list, which PostgreSQL
 * reads through each account's index; a subquery here was planned as a scan of every row), and the one account a
 * key may be bound to. A merchant who revoked the platform is not searched, as their content is not read live.
 *
 * @param tenantAccounts the tenant's authorized accounts (unused across the platform)
 */
record IndexScope(TenantScope scope, List<String> tenantAccounts) {

	void constrain(String alias, List<String> terms, Map<String, Object> params) {
		if (this.scope.isPlatform()) {
			// The few accounts not authorized (revoked, to re-authorize), rather than a join with every account.
			terms.add("not exists (select 1 from official_account r where r.appid = " + alias + ".appid "
					+ "and r.status <> 'AUTHORIZED')");
			return;
		}
		terms.add(alias + ".appid = any(cast(:tenantAccounts as text[]))");
		params.put("tenantAccounts", SearchText.array(this.tenantAccounts));
		if (this.scope.appId() != null) {
			terms.add(alias + ".appid = :scopeAppId");
			params.put("scopeAppId", this.scope.appId());
		}
	}

}

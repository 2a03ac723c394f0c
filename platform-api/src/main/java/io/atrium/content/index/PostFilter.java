package io.atrium.content.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.upstream.TenantScope;

/** Which posts of {@code content_post p join official_account a}: the caller's scope, one account or all, a query. */
record PostFilter(TenantScope scope, String appId, PostQuery query) {

	/**
	 * The tables and conditions: {@code content_post p}, joined with {@code official_account a} only to keep to a
	 * tenant (the platform's searches read the posts alone). Only authorized accounts' posts: a merchant who revoked
	 * the platform is not searched, as their content is not read live either.
	 */
	ContentIndexStore.Where where() {
		List<String> terms = new ArrayList<>(List.of("p.removed_at is null"));
		Map<String, Object> params = new LinkedHashMap<>();
		String from = "content_post p";
		if (this.scope.isPlatform()) {
			// The few accounts not authorized (revoked, to re-authorize), rather than a join with every account.
			terms.add("not exists (select 1 from official_account r where r.appid = p.appid "
					+ "and r.status <> 'AUTHORIZED')");
		}
		else {
			from = "content_post p join official_account a on a.appid = p.appid";
			terms.add("a.status = 'AUTHORIZED'");
			terms.add("a.tenant_id = :tenantId");
			params.put("tenantId", this.scope.tenantId());
			if (this.scope.appId() != null) {
				terms.add("p.appid = :scopeAppId");
				params.put("scopeAppId", this.scope.appId());
			}
		}
		if (this.appId != null) {
			terms.add("p.appid = :appId");
			params.put("appId", this.appId);
		}
		if (this.query.fromSecond() != null) {
			terms.add("p.update_time >= :from");
			params.put("from", this.query.fromSecond());
		}
		if (this.query.untilSecond() != null) {
			terms.add("p.update_time < :until");
			params.put("until", this.query.untilSecond());
		}
		return new ContentIndexStore.Where(from + " where " + String.join(" and ", terms), params)
			.matching("p", this.query.q());
	}

}

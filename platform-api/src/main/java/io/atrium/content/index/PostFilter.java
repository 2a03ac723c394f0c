package io.atrium.content.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.upstream.TenantScope;

/** Which posts of {@code content_post p join official_account a}: the caller's scope, one account or all, a query. */
record PostFilter(TenantScope scope, String appId, PostQuery query) {

	ContentIndexStore.Where where() {
		List<String> terms = new ArrayList<>(List.of("p.removed_at is null"));
		Map<String, Object> params = new LinkedHashMap<>();
		if (!this.scope.isPlatform()) {
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
		if (this.query.q() != null) {
			terms.add("p.search_text ilike :q escape '\\'");
			params.put("q", ContentIndexStore.like(this.query.q()));
		}
		if (this.query.fromSecond() != null) {
			terms.add("p.update_time >= :from");
			params.put("from", this.query.fromSecond());
		}
		if (this.query.untilSecond() != null) {
			terms.add("p.update_time < :until");
			params.put("until", this.query.untilSecond());
		}
		return new ContentIndexStore.Where(String.join(" and ", terms), params);
	}

}

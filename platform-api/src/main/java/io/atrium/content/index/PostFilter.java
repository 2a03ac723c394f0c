package io.atrium.content.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.upstream.TenantScope;

/**
 * Which posts of {@code content_post p}: the caller's scope (with its tenant's authorized accounts, unless it is the
 * platform's: {@link IndexScope}), one account or all, a query.
 */
record PostFilter(TenantScope scope, List<String> tenantAccounts, String appId, PostQuery query) {

	/** Whether this reads a tenant's posts across its accounts (not one account's, not the platform's). */
	boolean tenantWide() {
		return !this.scope.isPlatform() && this.scope.appId() == null && this.appId == null;
	}

	/**
	 * The conditions on {@code content_post p}: the caller's scope ({@link IndexScope}), the account, the dates and
	 * the query. A query narrows by pairs (the GIN index) only across the platform: a tenant's or an account's posts
	 * are few enough to be read through their own index.
	 */
	ContentIndexStore.Where where() {
		return where(true);
	}

	/**
	 * @param byPairs whether a query narrows the rows by the GIN index of their pairs first: yes for counting and for
	 * few matches; no to walk the posts in order when matches are many (the first page is then found in a few
	 * thousand rows, where gathering and sorting every match would read tens of thousands)
	 */
	ContentIndexStore.Where where(boolean byPairs) {
		List<String> terms = new ArrayList<>(List.of("p.removed_at is null"));
		Map<String, Object> params = new LinkedHashMap<>();
		new IndexScope(this.scope, this.tenantAccounts).constrain("p", terms, params);
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
		return new ContentIndexStore.Where("content_post p where " + String.join(" and ", terms), params)
			.matching("p", this.query.q(), byPairs && this.scope.isPlatform() && this.appId == null);
	}

}

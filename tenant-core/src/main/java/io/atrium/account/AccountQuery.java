package io.atrium.account;

import java.util.Locale;
import java.util.Set;

/**
 * Which accounts a list shows, for a provider with a thousand merchants: a text in the name, appid or tenant name,
 * a status, a granted permission set, an order and a page.
 *
 * @param tenantId only this tenant's accounts, or null for every tenant's
 * @param q a substring of the account's name, appid or tenant's name (case ignored), or null
 * @param status only accounts in this status, or null
 * @param permissionSet only accounts that granted this set (its id), or null
 * @param sort the order
 * @param offset the first row
 * @param limit rows per page
 * @param appIds only these accounts (e.g. those whose token fails to refresh, which Redis knows), or null for any
 */
public record AccountQuery(Long tenantId, String q, AccountStatus status, Integer permissionSet, Sort sort, int offset,
		int limit, Set<String> appIds) {

	public AccountQuery(Long tenantId, String q, AccountStatus status, Integer permissionSet, Sort sort, int offset,
			int limit) {
		this(tenantId, q, status, permissionSet, sort, offset, limit, null);
	}

	public AccountQuery {
		q = (q == null || q.isBlank()) ? null : q.strip();
		if (q != null && q.length() > 100) {
			throw new IllegalArgumentException("q must be at most 100 characters");
		}
		sort = (sort != null) ? sort : Sort.NAME;
		appIds = (appIds != null) ? Set.copyOf(appIds) : null;
		if (offset < 0 || limit < 1) {
			throw new IllegalArgumentException("offset must be 0 or more and limit 1 or more");
		}
	}

	/** The same query on another page. */
	public AccountQuery at(int offset) {
		return new AccountQuery(this.tenantId, this.q, this.status, this.permissionSet, this.sort, offset, this.limit,
				this.appIds);
	}

	/** The same query among these accounts only. */
	public AccountQuery among(Set<String> appIds) {
		return new AccountQuery(this.tenantId, this.q, this.status, this.permissionSet, this.sort, this.offset,
				this.limit, appIds);
	}

	/** The orders an accounts list offers. */
	public enum Sort {

		NAME("coalesce(a.nickname, a.appid), a.appid"), NEWEST("a.authorized_at desc nulls last, a.appid"),
		TENANT("t.name, coalesce(a.nickname, a.appid), a.appid");

		private final String orderBy;

		Sort(String orderBy) {
			this.orderBy = orderBy;
		}

		String orderBy() {
			return this.orderBy;
		}

		/** {@code name}, {@code newest} or {@code tenant}; anything else is the default, by name. */
		public static Sort of(String name) {
			for (Sort sort : values()) {
				if (name != null && sort.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
					return sort;
				}
			}
			return NAME;
		}

	}

}

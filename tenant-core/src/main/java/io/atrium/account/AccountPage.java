package io.atrium.account;

import java.util.List;
import java.util.Map;

/**
 * One page of an {@link AccountQuery}.
 *
 * @param accounts the page's accounts
 * @param total how many accounts match the query
 * @param byStatus how many match it in each status, whatever the query's own status (for the list's filters)
 */
public record AccountPage(List<OfficialAccount> accounts, long total, Map<AccountStatus, Long> byStatus) {

	public AccountPage {
		accounts = List.copyOf(accounts);
		byStatus = Map.copyOf(byStatus);
	}

}

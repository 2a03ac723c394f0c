package io.atrium.console.accounts;

import io.atrium.account.OfficialAccount;
import io.atrium.account.PermissionSet;

/**
 * What the account's grants allow Atrium to read, and what is missing: the same rules platform-api's content
 * service applies (7 for published posts, 11 or 100 for materials; WeChat also wants a verified account for
 * freepublish), shown before anyone hits a 403.
 */
public record ContentReadiness(boolean articles, boolean materials, boolean verified) {

	static ContentReadiness of(OfficialAccount account) {
		return new ContentReadiness(account.permissions().has(PermissionSet.MASS_SEND_AND_NOTIFY),
				account.permissions()
					.hasAnyOf(PermissionSet.MATERIAL_MANAGEMENT, PermissionSet.MATERIAL_MANAGEMENT_EXTENDED),
				account.profile().verified());
	}

}

package io.atrium.content.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.atrium.account.OfficialAccount;
import io.atrium.account.PermissionSet;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An account as {@code GET /api/v1/accounts} shows it: no credentials, ever.
 *
 * @param appid the account's appid
 * @param tenantId the tenant that holds it
 * @param nickname its name, when known
 * @param status {@code AUTHORIZED}, {@code NEEDS_REAUTH} or {@code REVOKED}
 * @param permissionSets the sets the merchant granted
 * @param authorizedAt when it was last authorized
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(String appid, long tenantId, String nickname, String status,
		List<GrantedSet> permissionSets, Instant authorizedAt) {

	static AccountView of(OfficialAccount account) {
		List<GrantedSet> sets = account.permissions()
			.ids()
			.stream()
			.map((id) -> new GrantedSet(id, PermissionSet.fromId(id).map(PermissionSet::chineseName).orElse(null),
					PermissionSet.fromId(id).map(PermissionSet::name).orElse(null)))
			.toList();
		return new AccountView(account.appId(), account.tenantId(), account.profile().nickname(),
				account.status().name(), sets, account.authorizedAt());
	}

	/**
	 * A granted permission set; ids WeChat added after this code have no name.
	 *
	 * @param id the set's id
	 * @param name WeChat's (Chinese) name
	 * @param code Atrium's constant
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record GrantedSet(int id, String name, String code) {
	}

}

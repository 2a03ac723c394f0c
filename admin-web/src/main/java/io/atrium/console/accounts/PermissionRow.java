package io.atrium.console.accounts;

import java.util.List;

import io.atrium.account.GrantedPermissions;
import io.atrium.account.PermissionSet;

/**
 * A granted permission set as the account page shows it: id, both names, and (by message key) what it enables.
 *
 * @param known whether Atrium knows the set; WeChat adds sets over time, and an unknown id is still shown
 */
public record PermissionRow(int id, String chineseName, String englishName, boolean known) {

	/** The sets whose meaning the messages describe ({@code permission.enables.<id>}). */
	private static final List<Integer> DESCRIBED = List.of(1, 2, 3, 4, 7, 11, 15, 100);

	static List<PermissionRow> of(GrantedPermissions permissions) {
		return permissions.ids()
			.stream()
			.map((id) -> PermissionSet.fromId(id)
				.map((set) -> new PermissionRow(id, set.chineseName(), set.englishName(), true))
				.orElseGet(() -> new PermissionRow(id, null, null, false)))
			.toList();
	}

	public boolean described() {
		return DESCRIBED.contains(this.id);
	}

}

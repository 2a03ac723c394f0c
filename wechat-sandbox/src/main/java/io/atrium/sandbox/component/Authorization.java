package io.atrium.sandbox.component;

import java.util.List;
import java.util.Set;

import io.atrium.sandbox.support.Redaction;

/**
 * An account's current authorization of the platform.
 *
 * @param permissionSets granted funcscope_category ids (func_info), ascending
 * @param authTime Unix seconds of the (re-)authorization
 * @param generation increases with every (re-)authorization; codes of older generations are void
 */
public record Authorization(String appid, List<Integer> permissionSets, String refreshToken, long authTime,
		long generation) {

	public Authorization {
		permissionSets = List.copyOf(permissionSets);
	}

	public boolean grantsAny(Set<Integer> sets) {
		return this.permissionSets.stream().anyMatch(sets::contains);
	}

	Authorization withRefreshToken(String refreshToken) {
		return new Authorization(this.appid, this.permissionSets, refreshToken, this.authTime, this.generation);
	}

	/** The refresh token stays out of logs. */
	@Override
	public String toString() {
		return "Authorization[appid=" + this.appid + ", permissionSets=" + this.permissionSets + ", refreshToken="
				+ Redaction.mask(this.refreshToken) + ", authTime=" + this.authTime + ", generation=" + this.generation
				+ "]";
	}

}

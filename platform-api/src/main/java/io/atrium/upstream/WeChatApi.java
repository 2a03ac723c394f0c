package io.atrium.upstream;

import java.util.List;

import io.atrium.account.GrantedPermissions;
import io.atrium.account.PermissionSet;

/**
 * One authorizer API of WeChat as Atrium calls it, an entry of {@link WeChatApis}: everything the per-account
 * policy needs to know about it.
 *
 * @param key a short name, used in Redis keys, counters and configuration ({@code atrium.upstream.apis.<key>})
 * @param method the HTTP method WeChat expects
 * @param path WeChat's path, without host or query
 * @param permissionSets the sets of which the account must have granted at least one; empty: not gated (WeChat
 * decides)
 * @param perMinute Atrium's own limit of calls per account and minute, shared by every instance
 * @param retryable whether a call may be sent again after a transient fault (only calls that are safe to repeat:
 * reads; never a send or an upload)
 */
public record WeChatApi(String key, String method, String path, List<PermissionSet> permissionSets, int perMinute,
		boolean retryable) {

	public WeChatApi {
		permissionSets = List.copyOf(permissionSets);
	}

	/** Whether an account that granted these sets may call this API. */
	public boolean grantedBy(GrantedPermissions granted) {
		return this.permissionSets.isEmpty() || granted.hasAnyOf(this.permissionSets.toArray(PermissionSet[]::new));
	}

}

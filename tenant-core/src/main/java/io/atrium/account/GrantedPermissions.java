package io.atrium.account;

import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The permission-set ids a merchant granted ({@code func_info}), sorted. Ids WeChat adds after this code was
 * written are kept as they are.
 */
public record GrantedPermissions(SortedSet<Integer> ids) {

	public GrantedPermissions {
		ids = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(ids));
	}

	public static GrantedPermissions of(Collection<Integer> ids) {
		return new GrantedPermissions(new TreeSet<>(ids));
	}

	public static GrantedPermissions of(Integer... ids) {
		return of(List.of(ids));
	}

	public static GrantedPermissions none() {
		return of(List.of());
	}

	public boolean has(PermissionSet set) {
		return this.ids.contains(set.id());
	}

	/** Whether any one of the given sets is granted (WeChat's "granted one of these sets" rule). */
	public boolean hasAnyOf(PermissionSet... sets) {
		for (PermissionSet set : sets) {
			if (has(set)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.ids.toString();
	}

}

package io.atrium.content;

import java.lang.reflect.Method;
import java.util.List;

import io.atrium.account.PermissionSet;

/**
 * The WeChat content APIs Atrium calls, with the permission sets that open them (protocol reference §2). Rate
 * limits, quota breakers and counters are kept per account and endpoint.
 */
enum ContentEndpoint {

	PUBLISHED_PAGE("/cgi-bin/freepublish/batchget", "freepublish-batchget", "publishedPage",
			PermissionSet.MASS_SEND_AND_NOTIFY),

	PUBLISHED_ARTICLE("/cgi-bin/freepublish/getarticle", "freepublish-getarticle", "publishedArticle",
			PermissionSet.MASS_SEND_AND_NOTIFY),

	MATERIAL_PAGE("/cgi-bin/material/batchget_material", "material-batchget", "materialPage",
			PermissionSet.MATERIAL_MANAGEMENT, PermissionSet.MATERIAL_MANAGEMENT_EXTENDED),

	MATERIAL_COUNT("/cgi-bin/material/get_materialcount", "material-count", "materialCount",
			PermissionSet.MATERIAL_MANAGEMENT, PermissionSet.MATERIAL_MANAGEMENT_EXTENDED);

	private final String path;

	private final String key;

	private final String methodName;

	private final List<PermissionSet> permissionSets;

	ContentEndpoint(String path, String key, String methodName, PermissionSet... permissionSets) {
		this.path = path;
		this.key = key;
		this.methodName = methodName;
		this.permissionSets = List.of(permissionSets);
	}

	/** WeChat's path, without host or query. */
	String path() {
		return this.path;
	}

	/** A short name for Redis keys. */
	String key() {
		return this.key;
	}

	/** The sets of which the account must have granted at least one. */
	List<PermissionSet> permissionSets() {
		return this.permissionSets;
	}

	static ContentEndpoint of(Method method) {
		for (ContentEndpoint endpoint : values()) {
			if (endpoint.methodName.equals(method.getName())) {
				return endpoint;
			}
		}
		throw new IllegalArgumentException("Not a content API method: " + method);
	}

}

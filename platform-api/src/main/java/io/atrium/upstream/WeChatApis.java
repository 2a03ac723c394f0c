package io.atrium.upstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atrium.account.PermissionSet;

/**
 * The registry of WeChat's authorizer APIs: per API its method, path, permission sets, Atrium's per-minute limit and
 * whether it may be retried. The content API and the gateway both take their policy from here, so adding an API is
 * one entry: in {@link #BUILT_IN}, or in configuration ({@code atrium.upstream.apis.<key>.*}). An API the registry
 * does not list can still go through the gateway, ungated (WeChat decides), never retried, under one shared
 * per-minute limit ({@link #unlisted()}).
 * <p>
 * Permission sets are those of WeChat's per-API "第三方调用" sections (protocol reference §2, §6).
 */
public final class WeChatApis {

	/** The key under which calls of unlisted APIs are limited and counted. */
	public static final String UNLISTED_KEY = "other";

	private static final List<WeChatApi> BUILT_IN = List.of(
			api("freepublish-batchget", "POST", "/cgi-bin/freepublish/batchget", 60, true,
					PermissionSet.MASS_SEND_AND_NOTIFY),
			api("freepublish-getarticle", "POST", "/cgi-bin/freepublish/getarticle", 120, true,
					PermissionSet.MASS_SEND_AND_NOTIFY),
			api("material-batchget", "POST", "/cgi-bin/material/batchget_material", 60, true,
					PermissionSet.MATERIAL_MANAGEMENT, PermissionSet.MATERIAL_MANAGEMENT_EXTENDED),
			api("material-count", "GET", "/cgi-bin/material/get_materialcount", 30, true,
					PermissionSet.MATERIAL_MANAGEMENT, PermissionSet.MATERIAL_MANAGEMENT_EXTENDED),
			api("material-get", "POST", "/cgi-bin/material/get_material", 120, true,
					PermissionSet.MATERIAL_MANAGEMENT, PermissionSet.MATERIAL_MANAGEMENT_EXTENDED),
			api("media-upload", "POST", "/cgi-bin/media/upload", 60, false, PermissionSet.MATERIAL_MANAGEMENT,
					PermissionSet.MATERIAL_MANAGEMENT_EXTENDED),
			api("media-get", "GET", "/cgi-bin/media/get", 120, true, PermissionSet.MATERIAL_MANAGEMENT,
					PermissionSet.MATERIAL_MANAGEMENT_EXTENDED),
			api("custom-send", "POST", "/cgi-bin/message/custom/send", 600, false, PermissionSet.MESSAGE_MANAGEMENT),
			api("template-send", "POST", "/cgi-bin/message/template/send", 600, false,
					PermissionSet.MASS_SEND_AND_NOTIFY),
			api("menu-get", "GET", "/cgi-bin/menu/get", 60, true, PermissionSet.MENU),
			api("menu-create", "POST", "/cgi-bin/menu/create", 10, false, PermissionSet.MENU),
			api("menu-delete", "GET", "/cgi-bin/menu/delete", 10, false, PermissionSet.MENU),
			api("user-get", "GET", "/cgi-bin/user/get", 60, true, PermissionSet.USER_MANAGEMENT),
			api("user-info", "GET", "/cgi-bin/user/info", 600, true, PermissionSet.USER_MANAGEMENT),
			api("quota-get", "POST", "/cgi-bin/openapi/quota/get", 60, true),
			api("rid-get", "POST", "/cgi-bin/openapi/rid/get", 60, true));

	/**
	 * Paths the gateway never forwards: component APIs need the component token (lent separately), the account's
	 * own token and OAuth APIs need secrets Atrium does not hold, and clearing a quota spends a monthly allowance of
	 * ten that only the console's confirmed, audited action may spend.
	 */
	private static final List<String> REFUSED_PREFIXES = List.of("/cgi-bin/component/", "/cgi-bin/token",
			"/cgi-bin/stable_token", "/cgi-bin/clear_quota", "/sns/");

	private final Map<String, WeChatApi> byPath;

	private final Map<String, WeChatApi> byKey;

	private final WeChatApi unlisted;

	private final int perDay;

	public WeChatApis(UpstreamProperties properties) {
		Map<String, WeChatApi> byKey = new LinkedHashMap<>();
		BUILT_IN.forEach((api) -> byKey.put(api.key(), api));
		properties.apis().forEach((key, entry) -> byKey.put(key, merge(key, byKey.get(key), entry)));
		Map<String, WeChatApi> byPath = new LinkedHashMap<>();
		for (WeChatApi api : byKey.values()) {
			if (byPath.putIfAbsent(api.path(), api) != null) {
				throw new IllegalStateException("Two registry entries for " + api.path());
			}
		}
		this.byKey = Map.copyOf(byKey);
		this.byPath = byPath;
		this.unlisted = new WeChatApi(UNLISTED_KEY, "*", "*", List.of(), properties.unlistedPerMinute(), false);
		this.perDay = properties.perDay();
	}

	/** The entry of a path, or {@link #unlisted()} when the registry does not list it. */
	public WeChatApi forPath(String path) {
		return this.byPath.getOrDefault(path, this.unlisted);
	}

	/** The listed entry of a path. */
	public Optional<WeChatApi> find(String path) {
		return Optional.ofNullable(this.byPath.get(path));
	}

	/** A listed entry by key. */
	public WeChatApi byKey(String key) {
		WeChatApi api = (UNLISTED_KEY.equals(key)) ? this.unlisted : this.byKey.get(key);
		if (api == null) {
			throw new IllegalArgumentException("No WeChat API '" + key + "' in the registry");
		}
		return api;
	}

	/** Every listed entry, in registry order. */
	public List<WeChatApi> listed() {
		return new ArrayList<>(this.byPath.values());
	}

	/** The entry that limits and counts unlisted APIs together. */
	public WeChatApi unlisted() {
		return this.unlisted;
	}

	/** Atrium's own limit of calls per account, API and day. */
	public int perDay() {
		return this.perDay;
	}

	/** Whether the gateway may forward calls to this path at all ({@link #REFUSED_PREFIXES}). */
	public boolean forwardable(String path) {
		return REFUSED_PREFIXES.stream().noneMatch(path::startsWith);
	}

	private static WeChatApi merge(String key, WeChatApi builtIn, UpstreamProperties.Api entry) {
		if (builtIn == null && (entry.method() == null || entry.path() == null)) {
			throw new IllegalStateException(
					"atrium.upstream.apis." + key + " is not a built-in API: it needs a method and a path");
		}
		String path = (entry.path() != null) ? entry.path() : builtIn.path();
		if (!path.startsWith("/") || path.contains("?")) {
			throw new IllegalStateException("atrium.upstream.apis." + key + ".path must be a path such as /cgi-bin/x");
		}
		String method = (entry.method() != null) ? entry.method().toUpperCase(Locale.ROOT) : builtIn.method();
		if (!Set.of("GET", "POST").contains(method)) {
			throw new IllegalStateException("atrium.upstream.apis." + key + ".method must be GET or POST");
		}
		return new WeChatApi(key, method, path,
				(entry.permissionSets() != null) ? entry.permissionSets() : builtIn.permissionSets(),
				(entry.perMinute() != null) ? entry.perMinute() : builtIn.perMinute(),
				(entry.retryable() != null) ? entry.retryable() : builtIn.retryable());
	}

	private static WeChatApi api(String key, String method, String path, int perMinute, boolean retryable,
			PermissionSet... sets) {
		return new WeChatApi(key, method, path, List.of(sets), perMinute, retryable);
	}

}

package io.atrium.apikey;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a key may do, where and how often.
 *
 * @param scopes what it may do
 * @param wechatPaths the WeChat paths it may call through the gateway (patterns such as {@code /cgi-bin/menu/*} or
 * {@code /cgi-bin/**}); only with {@link ApiScope#WECHAT_CALL}
 * @param appId the one account it may reach, or null for every account of its tenant (or platform)
 * @param perMinute its own limit of requests per minute across every instance, or null for none beyond the
 * accounts' limits
 * @param expiresAt when it stops working, or null for never
 */
public record ApiKeyGrant(Set<ApiScope> scopes, List<String> wechatPaths, String appId, Integer perMinute,
		Instant expiresAt) {

	public ApiKeyGrant {
		scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
		wechatPaths = List.copyOf(wechatPaths);
	}

	/** What every key could do before scopes existed: read content, anywhere in its tenant, without limit. */
	public static ApiKeyGrant contentRead() {
		return new ApiKeyGrant(Set.of(ApiScope.CONTENT_READ), List.of(), null, null, null);
	}

	public boolean has(ApiScope scope) {
		return this.scopes.contains(scope);
	}

}

package io.atrium.apikey;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do. A key holds one or more; each opens one part of {@code /api/v1}.
 */
public enum ApiScope {

	/** The content API: accounts, published articles, materials. */
	CONTENT_READ("content:read"),

	/** The gateway: any authorizer API on the key's path allow-list ({@code /api/v1/accounts/{appid}/wechat/**}). */
	WECHAT_CALL("wechat:call"),

	/** Lending an account's access token, and reporting one WeChat refused. */
	TOKEN_LEND("token:lend"),

	/** Lending the component access token: platform keys only, it acts for every account. */
	COMPONENT_TOKEN_LEND("component-token:lend");

	private final String value;

	ApiScope(String value) {
		this.value = value;
	}

	/** The scope as written in documentation and stored, e.g. {@code wechat:call}. */
	public String value() {
		return this.value;
	}

	/** The Spring Security authority a key with this scope holds. */
	public String authority() {
		return "SCOPE_" + this.value;
	}

	public static Optional<ApiScope> fromValue(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

}

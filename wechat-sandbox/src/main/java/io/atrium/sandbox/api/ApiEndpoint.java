package io.atrium.sandbox.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The WeChat API endpoints the sandbox serves: path, which token they take, and for business endpoints the
 * permission sets (funcscope_category ids) one of which the authorization must hold (protocol reference §2, §6).
 */
public enum ApiEndpoint {

	COMPONENT_TOKEN("/cgi-bin/component/api_component_token", TokenKind.NONE),

	START_PUSH_TICKET("/cgi-bin/component/api_start_push_ticket", TokenKind.NONE),

	CREATE_PREAUTHCODE("/cgi-bin/component/api_create_preauthcode", TokenKind.COMPONENT),

	QUERY_AUTH("/cgi-bin/component/api_query_auth", TokenKind.COMPONENT),

	AUTHORIZER_TOKEN("/cgi-bin/component/api_authorizer_token", TokenKind.COMPONENT),

	GET_AUTHORIZER_INFO("/cgi-bin/component/api_get_authorizer_info", TokenKind.COMPONENT),

	GET_AUTHORIZER_LIST("/cgi-bin/component/api_get_authorizer_list", TokenKind.COMPONENT),

	CLEAR_QUOTA("/cgi-bin/component/clear_quota", TokenKind.COMPONENT),

	CLEAR_QUOTA_V2("/cgi-bin/component/clear_quota/v2", TokenKind.NONE),

	QUOTA_GET("/cgi-bin/openapi/quota/get", TokenKind.EITHER),

	/** The details of an error by its rid; same token rule as quota/get (protocol reference §1.10). */
	RID_GET("/cgi-bin/openapi/rid/get", TokenKind.EITHER),

	FREEPUBLISH_BATCHGET("/cgi-bin/freepublish/batchget", TokenKind.AUTHORIZER, 7),

	FREEPUBLISH_GETARTICLE("/cgi-bin/freepublish/getarticle", TokenKind.AUTHORIZER, 7),

	MATERIAL_BATCHGET("/cgi-bin/material/batchget_material", TokenKind.AUTHORIZER, 11, 100),

	MATERIAL_COUNT("/cgi-bin/material/get_materialcount", TokenKind.AUTHORIZER, 11, 100),

	/** A permanent material's own bytes: sets 3, 11, 18, 30-31, 100 (protocol reference §2). */
	MATERIAL_GET("/cgi-bin/material/get_material", TokenKind.AUTHORIZER, 3, 11, 18, 30, 31, 100),

	/**
	 * 客服消息. Set 1 (消息管理) for Official Accounts, 19 (客服消息管理) for Mini Programs: the official permission-set
	 * table (protocol reference §6) files customer-service replies under 消息管理, id 1.
	 */
	CUSTOM_SEND("/cgi-bin/message/custom/send", TokenKind.AUTHORIZER, 1, 19),

	/** 自定义菜单: set 15 (菜单管理) only, per the official createCustomMenu and getMenu pages. */
	MENU_CREATE("/cgi-bin/menu/create", TokenKind.AUTHORIZER, 15),

	MENU_GET("/cgi-bin/menu/get", TokenKind.AUTHORIZER, 15),

	/**
	 * 临时素材. Not only 11 (素材管理): the official uploadTempMedia and getMedia pages list "1、3、8-9、11、19、30-31、100"
	 * (media are used by messages, cards and Mini Program customer service too).
	 */
	MEDIA_UPLOAD("/cgi-bin/media/upload", TokenKind.AUTHORIZER, 1, 3, 8, 9, 11, 19, 30, 31, 100),

	MEDIA_GET("/cgi-bin/media/get", TokenKind.AUTHORIZER, 1, 3, 8, 9, 11, 19, 30, 31, 100);

	private static final Map<String, ApiEndpoint> BY_PATH = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(ApiEndpoint::path, Function.identity()));

	private final String path;

	private final TokenKind tokenKind;

	private final Set<Integer> permissionSets;

	ApiEndpoint(String path, TokenKind tokenKind, Integer... permissionSets) {
		this.path = path;
		this.tokenKind = tokenKind;
		this.permissionSets = Set.of(permissionSets);
	}

	public String path() {
		return this.path;
	}

	public TokenKind tokenKind() {
		return this.tokenKind;
	}

	/** Any one of these grants the endpoint; empty for component endpoints. */
	public Set<Integer> permissionSets() {
		return this.permissionSets;
	}

	/** Whether the endpoint belongs to the platform (component) rather than to an authorized account. */
	public boolean isComponentApi() {
		return this.tokenKind == TokenKind.NONE || this.tokenKind == TokenKind.COMPONENT;
	}

	public static Optional<ApiEndpoint> byPath(String path) {
		return Optional.ofNullable(BY_PATH.get(path));
	}

	/** Which access token an endpoint takes in its query string, and under which parameter names. */
	public enum TokenKind {

		/** No token: the body carries the credentials. */
		NONE(),

		/**
		 * {@code component_access_token}, also accepted as {@code access_token} (as the newer docs write it); the
		 * first one present wins.
		 */
		COMPONENT("component_access_token", "access_token"),

		/** {@code access_token} = an authorizer access token. */
		AUTHORIZER("access_token"),

		/** {@code access_token} = either kind; the kind decides which quotas can be read. */
		EITHER("access_token");

		private final List<String> parameters;

		TokenKind(String... parameters) {
			this.parameters = List.of(parameters);
		}

		/** The query parameters the token is read from, in order of precedence. */
		public List<String> parameters() {
			return this.parameters;
		}

	}

}

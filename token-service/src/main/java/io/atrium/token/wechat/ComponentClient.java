package io.atrium.token.wechat;

import java.time.Instant;
import java.util.List;

import io.atrium.account.AuthorizerProfile;
import io.atrium.account.GrantedPermissions;
import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.wechat.ComponentApi.AuthorizationInfo;
import io.atrium.token.wechat.ComponentApi.AuthorizerInfo;
import io.atrium.token.wechat.ComponentApi.AuthorizerInfoResponse;
import io.atrium.token.wechat.ComponentApi.IdInfo;
import io.atrium.wechat.WeChatApiException;

/**
 * Calls WeChat's component endpoints on behalf of this platform. Credentials of the platform come from
 * configuration; the component access token is passed in, so that {@code ComponentTokenManager} alone decides
 * which token is used and what happens when WeChat refuses it. Failures come out as {@link WeChatApiException}
 * or {@link WeChatUnavailableException}.
 */
public class ComponentClient {

	private static final String PATH = "/cgi-bin/component/";

	private final ComponentApi api;

	private final WeChatComponentProperties properties;

	ComponentClient(ComponentApi api, WeChatComponentProperties properties) {
		this.api = api;
		this.properties = properties;
	}

	public String componentAppId() {
		return this.properties.componentAppId();
	}

	public TokenGrant componentAccessToken(String verifyTicket) {
		ComponentApi.ComponentAccessToken token = WeChatHttp.call(PATH + "api_component_token",
				() -> this.api.componentAccessToken(new ComponentApi.ComponentTokenRequest(componentAppId(),
						this.properties.componentSecret(), verifyTicket)));
		return new TokenGrant(token.componentAccessToken(), token.expiresIn(), null);
	}

	/** Asks WeChat to (re)start pushing the verify ticket every 10 minutes. */
	public void startPushTicket() {
		WeChatHttp.call(PATH + "api_start_push_ticket", () -> this.api.startPushTicket(
				new ComponentApi.StartPushTicketRequest(componentAppId(), this.properties.componentSecret())));
	}

	/**
	 * Resets an authorized account's daily API counts ({@code clear_quota/v2} with the platform's secret). WeChat allows
	 * ten per account and month; past that it answers 48006.
	 */
	public void clearAccountQuota(String authorizerAppId) {
		WeChatHttp.call(PATH + "clear_quota/v2", () -> this.api.clearQuotaV2(new ComponentApi.ClearQuotaRequest(
				authorizerAppId, componentAppId(), this.properties.componentSecret())));
	}

	public PreAuthCode createPreAuthCode(String componentAccessToken) {
		ComponentApi.PreAuthCode code = WeChatHttp.call(PATH + "api_create_preauthcode", () -> this.api
			.createPreAuthCode(componentAccessToken, new ComponentApi.ComponentAppIdRequest(componentAppId())));
		return new PreAuthCode(code.preAuthCode(), code.expiresIn());
	}

	/** Exchanges an authorization code for the account's tokens and granted permission sets. */
	public Authorization queryAuth(String componentAccessToken, String authorizationCode) {
		AuthorizationInfo info = WeChatHttp.call(PATH + "api_query_auth",
				() -> this.api.queryAuth(componentAccessToken,
						new ComponentApi.QueryAuthRequest(componentAppId(), authorizationCode)))
			.authorizationInfo();
		return new Authorization(info.authorizerAppid(), GrantedPermissions.of(info.permissionSetIds()),
				new TokenGrant(info.authorizerAccessToken(), (info.expiresIn() != null) ? info.expiresIn() : 0,
						info.authorizerRefreshToken()));
	}

	public TokenGrant authorizerAccessToken(String componentAccessToken, String authorizerAppId,
			String refreshToken) {
		ComponentApi.AuthorizerToken token = WeChatHttp.call(PATH + "api_authorizer_token",
				() -> this.api.authorizerToken(componentAccessToken,
						new ComponentApi.AuthorizerTokenRequest(componentAppId(), authorizerAppId, refreshToken)));
		return new TokenGrant(token.authorizerAccessToken(), token.expiresIn(), token.authorizerRefreshToken());
	}

	public AuthorizerDetails authorizerInfo(String componentAccessToken, String authorizerAppId) {
		AuthorizerInfoResponse response = WeChatHttp.call(PATH + "api_get_authorizer_info",
				() -> this.api.authorizerInfo(componentAccessToken,
						new ComponentApi.AuthorizerRequest(componentAppId(), authorizerAppId)));
		AuthorizerInfo info = response.authorizerInfo();
		AuthorizerProfile profile = (info != null) ? new AuthorizerProfile(info.nickName(), info.headImg(),
				id(info.serviceTypeInfo()), id(info.verifyTypeInfo()), info.principalName(), info.userName(),
				info.alias(), info.qrcodeUrl()) : AuthorizerProfile.unknown();
		GrantedPermissions permissions = (response.authorizationInfo() != null)
				? GrantedPermissions.of(response.authorizationInfo().permissionSetIds()) : GrantedPermissions.none();
		return new AuthorizerDetails(authorizerAppId, profile, permissions);
	}

	/** One page of the authorizers WeChat knows for this platform, with their refresh tokens; count at most 500. */
	public AuthorizerPage authorizerList(String componentAccessToken, int offset, int count) {
		ComponentApi.AuthorizerList page = WeChatHttp.call(PATH + "api_get_authorizer_list",
				() -> this.api.authorizerList(componentAccessToken,
						new ComponentApi.AuthorizerListRequest(componentAppId(), offset, count)));
		List<ListedAuthorizer> authorizers = (page.list() != null) ? page.list()
			.stream()
			.map((item) -> new ListedAuthorizer(item.authorizerAppid(), item.refreshToken(),
					(item.authTime() != null) ? Instant.ofEpochSecond(item.authTime()) : null))
			.toList() : List.of();
		return new AuthorizerPage(page.totalCount(), authorizers);
	}

	private static Integer id(IdInfo info) {
		return (info != null) ? info.id() : null;
	}

	/** An access token, how long WeChat says it lives, and (for authorizers) the refresh token that came with it. */
	public record TokenGrant(String accessToken, long expiresInSeconds, String refreshToken) {

		@Override
		public String toString() {
			return "TokenGrant[expiresInSeconds=" + this.expiresInSeconds + "]";
		}

	}

	public record PreAuthCode(String code, long expiresInSeconds) {

		@Override
		public String toString() {
			return "PreAuthCode[expiresInSeconds=" + this.expiresInSeconds + "]";
		}

	}

	public record Authorization(String authorizerAppId, GrantedPermissions permissions, TokenGrant token) {
	}

	public record AuthorizerDetails(String authorizerAppId, AuthorizerProfile profile,
			GrantedPermissions permissions) {
	}

	public record AuthorizerPage(int totalCount, List<ListedAuthorizer> authorizers) {
	}

	public record ListedAuthorizer(String authorizerAppId, String refreshToken, Instant authorizedAt) {

		@Override
		public String toString() {
			return "ListedAuthorizer[authorizerAppId=" + this.authorizerAppId + "]";
		}

	}

}

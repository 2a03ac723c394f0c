package io.atrium.token.wechat;

import java.util.List;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import tools.jackson.databind.JsonNode;

/**
 * WeChat's {@code cgi-bin/component/*} endpoints (protocol reference §1), as Feign declares them. The wire
 * records below hold tokens and secrets, so each overrides {@code toString}; Feign's own logging stays off
 * because the token travels in the query string.
 */
@Headers("Content-Type: application/json")
interface ComponentApi {

	@RequestLine("POST /cgi-bin/component/api_component_token")
	ComponentAccessToken componentAccessToken(ComponentTokenRequest request);

	@RequestLine("POST /cgi-bin/component/api_start_push_ticket")
	JsonNode startPushTicket(StartPushTicketRequest request);

	@RequestLine("POST /cgi-bin/component/api_create_preauthcode?component_access_token={token}")
	PreAuthCode createPreAuthCode(@Param("token") String componentAccessToken, ComponentAppIdRequest request);

	@RequestLine("POST /cgi-bin/component/api_query_auth?component_access_token={token}")
	QueryAuthResponse queryAuth(@Param("token") String componentAccessToken, QueryAuthRequest request);

	@RequestLine("POST /cgi-bin/component/api_authorizer_token?component_access_token={token}")
	AuthorizerToken authorizerToken(@Param("token") String componentAccessToken, AuthorizerTokenRequest request);

	@RequestLine("POST /cgi-bin/component/api_get_authorizer_info?component_access_token={token}")
	AuthorizerInfoResponse authorizerInfo(@Param("token") String componentAccessToken, AuthorizerRequest request);

	@RequestLine("POST /cgi-bin/component/api_get_authorizer_list?component_access_token={token}")
	AuthorizerList authorizerList(@Param("token") String componentAccessToken, AuthorizerListRequest request);

	@RequestLine("POST /cgi-bin/component/clear_quota/v2")
	JsonNode clearQuotaV2(ClearQuotaRequest request);

	/** {@code clear_quota/v2} for one authorized account: resets its daily counts, spending its monthly allowance. */
	record ClearQuotaRequest(String appid, String componentAppid, String appsecret) {

		@Override
		public String toString() {
			return "ClearQuotaRequest[appid=" + this.appid + "]";
		}

	}

	record ComponentTokenRequest(String componentAppid, String componentAppsecret, String componentVerifyTicket) {

		@Override
		public String toString() {
			return "ComponentTokenRequest[componentAppid=" + this.componentAppid + "]";
		}

	}

	record ComponentAccessToken(String componentAccessToken, long expiresIn) {

		@Override
		public String toString() {
			return "ComponentAccessToken[expiresIn=" + this.expiresIn + "]";
		}

	}

	record StartPushTicketRequest(String componentAppid, String componentSecret) {

		@Override
		public String toString() {
			return "StartPushTicketRequest[componentAppid=" + this.componentAppid + "]";
		}

	}

	record ComponentAppIdRequest(String componentAppid) {
	}

	record PreAuthCode(String preAuthCode, long expiresIn) {

		@Override
		public String toString() {
			return "PreAuthCode[expiresIn=" + this.expiresIn + "]";
		}

	}

	record QueryAuthRequest(String componentAppid, String authorizationCode) {

		@Override
		public String toString() {
			return "QueryAuthRequest[componentAppid=" + this.componentAppid + "]";
		}

	}

	record QueryAuthResponse(AuthorizationInfo authorizationInfo) {
	}

	record AuthorizationInfo(String authorizerAppid, String authorizerAccessToken, Long expiresIn,
			String authorizerRefreshToken, List<FuncInfo> funcInfo) {

		List<Integer> permissionSetIds() {
			return (this.funcInfo != null) ? this.funcInfo.stream()
				.filter((info) -> info.funcscopeCategory() != null)
				.map((info) -> info.funcscopeCategory().id())
				.toList() : List.of();
		}

		@Override
		public String toString() {
			return "AuthorizationInfo[authorizerAppid=" + this.authorizerAppid + ", funcInfo=" + permissionSetIds()
					+ "]";
		}

	}

	record FuncInfo(FuncscopeCategory funcscopeCategory) {
	}

	record FuncscopeCategory(int id) {
	}

	record AuthorizerTokenRequest(String componentAppid, String authorizerAppid, String authorizerRefreshToken) {

		@Override
		public String toString() {
			return "AuthorizerTokenRequest[authorizerAppid=" + this.authorizerAppid + "]";
		}

	}

	record AuthorizerToken(String authorizerAccessToken, long expiresIn, String authorizerRefreshToken) {

		@Override
		public String toString() {
			return "AuthorizerToken[expiresIn=" + this.expiresIn + "]";
		}

	}

	record AuthorizerRequest(String componentAppid, String authorizerAppid) {
	}

	record AuthorizerInfoResponse(AuthorizerInfo authorizerInfo, AuthorizationInfo authorizationInfo) {
	}

	record AuthorizerInfo(String nickName, String headImg, IdInfo serviceTypeInfo, IdInfo verifyTypeInfo,
			String userName, String principalName, String alias, String qrcodeUrl) {
	}

	record IdInfo(Integer id) {
	}

	record AuthorizerListRequest(String componentAppid, int offset, int count) {
	}

	record AuthorizerList(int totalCount, List<ListedAuthorizer> list) {
	}

	record ListedAuthorizer(String authorizerAppid, String refreshToken, Long authTime) {

		@Override
		public String toString() {
			return "ListedAuthorizer[authorizerAppid=" + this.authorizerAppid + ", authTime=" + this.authTime + "]";
		}

	}

}

package io.atrium.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.NO_CONTENT_SETS;
import static io.atrium.sandbox.SandboxClient.UNVERIFIED;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Authorization codes, api_query_auth, refresh tokens, authorizer tokens, authorizer info and list. */
class AuthorizationTests extends AbstractSandboxTests {

	private static final String QUERY_AUTH = "/cgi-bin/component/api_query_auth";

	private static final String AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";

	private static final String INFO = "/cgi-bin/component/api_get_authorizer_info";

	private static final String LIST = "/cgi-bin/component/api_get_authorizer_list";

	@Test
	void queryAuthAnswersTokensAndTheGrantedSets() {
		String code = client.authorize(FULL);
		assertThat(code).startsWith("queryauthcode@@@");
		JsonNode info = client.queryAuth(client.componentToken(), code).get("authorization_info");
		assertThat(info.get("authorizer_appid").asString()).isEqualTo(FULL);
		assertThat(info.get("authorizer_access_token").asString()).hasSizeGreaterThan(40);
		assertThat(info.get("expires_in").asInt()).isEqualTo(7200);
		assertThat(info.get("authorizer_refresh_token").asString()).startsWith("refreshtoken@@@");
		assertThat(funcInfo(info)).containsExactly(1, 2, 3, 7, 11, 15);
	}

	@Test
	void controlApiMayChooseTheSets() {
		JsonNode info = client.onboard(client.componentToken(), FULL, 7, 1);
		assertThat(funcInfo(info)).containsExactly(1, 7);
	}

	@Test
	void anAuthorizationCodeWorksOnce() {
		String token = client.componentToken();
		String code = client.authorize(FULL);
		assertThat(client.queryAuth(token, code).has("authorization_info")).isTrue();
		assertError(client.queryAuth(token, code), 61009);
	}

	@Test
	void unknownCodeAnswers61009AndExpiredCode61010() {
		String token = client.componentToken();
		assertError(client.queryAuth(token, "queryauthcode@@@unknown"), 61009);
		String code = client.authorize(FULL);
		client.advance(600);
		assertError(client.queryAuth(client.componentToken(), code), 61010);
	}

	@Test
	void aCodeOfASupersededAuthorizationIsVoid() {
		String token = client.componentToken();
		String first = client.authorize(FULL);
		client.authorize(FULL);
		assertError(client.queryAuth(token, first), 61009);
	}

	@Test
	void authorizerTokenRefreshesWithTheRefreshToken() {
		JsonNode info = client.onboard(client.componentToken(), FULL);
		String refresh = info.get("authorizer_refresh_token").asString();
		JsonNode answer = refresh(client.componentToken(), FULL, refresh);
		assertThat(answer.get("authorizer_access_token").asString()).isNotEqualTo(
				info.get("authorizer_access_token").asString());
		assertThat(answer.get("expires_in").asInt()).isEqualTo(7200);
		assertThat(answer.get("authorizer_refresh_token").asString()).isEqualTo(refresh);
		assertThat(answer.has("errcode")).isFalse();
	}

	@Test
	void reauthorizationMakesTheOldRefreshToken61023() {
		String token = client.componentToken();
		String old = client.onboard(token, FULL).get("authorizer_refresh_token").asString();
		String fresh = client.onboard(token, FULL).get("authorizer_refresh_token").asString();
		assertThat(fresh).isNotEqualTo(old);
		assertError(refresh(token, FULL, old), 61023);
		assertThat(refresh(token, FULL, fresh).has("authorizer_access_token")).isTrue();
	}

	@Test
	void refreshTokenOfAnotherAccountAnswers61023() {
		String token = client.componentToken();
		String refresh = client.onboard(token, FULL).get("authorizer_refresh_token").asString();
		client.onboard(token, UNVERIFIED);
		assertError(refresh(token, UNVERIFIED, refresh), 61023);
	}

	@Test
	void revokedAuthorizationAnswers61003OnRefreshAndOnBusinessCalls() {
		String token = client.componentToken();
		JsonNode info = client.onboard(token, FULL);
		assertThat(client.delete("/sandbox/accounts/" + FULL + "/authorization").status()).isEqualTo(200);
		assertError(refresh(token, FULL, info.get("authorizer_refresh_token").asString()), 61003);
		assertError(client.business("/cgi-bin/freepublish/batchget",
				info.get("authorizer_access_token").asString(), Map.of("offset", 0, "count", 1)), 61003);
		assertError(client.call(INFO + "?component_access_token=" + token,
				Map.of("component_appid", COMPONENT_APPID, "authorizer_appid", FULL)), 61003);
	}

	@Test
	void tokensOfARevokedAuthorizationDoNotComeBackAfterReauthorization() {
		String token = client.componentToken();
		String accessToken = client.onboard(token, FULL).get("authorizer_access_token").asString();
		client.delete("/sandbox/accounts/" + FULL + "/authorization");
		client.onboard(token, FULL);
		assertError(client.business("/cgi-bin/material/batchget_material", accessToken,
				Map.of("type", "image", "offset", 0, "count", 1)), 40001);
	}

	@Test
	void neverAuthorizedAccountAnswers61003() {
		assertError(refresh(client.componentToken(), FULL, "refreshtoken@@@whatever"), 61003);
	}

	@Test
	void supersededAuthorizerTokenHasFiveMinutesOfGrace() {
		String token = client.componentToken();
		JsonNode info = client.onboard(token, FULL);
		String first = info.get("authorizer_access_token").asString();
		refresh(token, FULL, info.get("authorizer_refresh_token").asString());
		assertThat(count(first).has("image_count")).isTrue();
		client.advance(300);
		assertError(count(first), 40001);
	}

	@Test
	void authorizerTokenExpiresWith42001() {
		String accessToken = client.authorizerToken(FULL);
		client.advance(7200);
		assertError(count(accessToken), 42001);
	}

	@Test
	void invalidatedTokensAnswer40001AndANewOneWorks() {
		String token = client.componentToken();
		JsonNode info = client.onboard(token, FULL);
		String accessToken = info.get("authorizer_access_token").asString();
		JsonNode invalidated = client.control("/sandbox/accounts/" + FULL + "/tokens/invalidate", "");
		assertThat(invalidated.get("invalidated").asInt()).isEqualTo(1);
		assertError(count(accessToken), 40001);
		String fresh = refresh(token, FULL, info.get("authorizer_refresh_token").asString())
			.get("authorizer_access_token")
			.asString();
		assertThat(count(fresh).has("image_count")).isTrue();
	}

	@Test
	void authorizerInfoHasTheDocumentedShape() {
		String token = client.componentToken();
		String refresh = client.onboard(token, FULL).get("authorizer_refresh_token").asString();
		JsonNode answer = client.call(INFO + "?component_access_token=" + token,
				Map.of("component_appid", COMPONENT_APPID, "authorizer_appid", FULL));
		JsonNode info = answer.get("authorizer_info");
		assertThat(info.get("nick_name").asString()).isEqualTo("星河咖啡");
		assertThat(info.get("head_img").asString()).startsWith(client.baseUrl() + "/mmbiz_png/");
		assertThat(info.get("service_type_info").get("id").asInt()).isEqualTo(2);
		assertThat(info.get("verify_type_info").get("id").asInt()).isZero();
		assertThat(info.get("user_name").asString()).matches("gh_[0-9a-f]{12}");
		assertThat(info.get("principal_name").asString()).isNotBlank();
		assertThat(info.get("alias").asString()).isNotBlank();
		assertThat(info.get("business_info").get("open_pay").asInt()).isZero();
		assertThat(info.get("qrcode_url").asString()).startsWith(client.baseUrl());
		assertThat(info.get("account_status").asInt()).isEqualTo(1);
		assertThat(info.get("idc").asInt()).isEqualTo(1);
		assertThat(info.has("signature")).isTrue();
		JsonNode authorization = answer.get("authorization_info");
		assertThat(authorization.get("authorizer_appid").asString()).isEqualTo(FULL);
		assertThat(authorization.get("authorizer_refresh_token").asString()).isEqualTo(refresh);
		assertThat(funcInfo(authorization)).containsExactly(1, 2, 3, 7, 11, 15);
		assertThat(client.get(info.get("head_img").asString().substring(client.baseUrl().length())).status())
			.isEqualTo(200);
	}

	@Test
	void unverifiedAccountInfoSaysSo() {
		String token = client.componentToken();
		client.onboard(token, UNVERIFIED);
		JsonNode info = client.call(INFO + "?component_access_token=" + token,
				Map.of("component_appid", COMPONENT_APPID, "authorizer_appid", UNVERIFIED)).get("authorizer_info");
		assertThat(info.get("verify_type_info").get("id").asInt()).isEqualTo(-1);
		assertThat(info.get("service_type_info").get("id").asInt()).isZero();
	}

	@Test
	void authorizerListPagesWithRefreshTokens() {
		String token = client.componentToken();
		String full = client.onboard(token, FULL).get("authorizer_refresh_token").asString();
		client.onboard(token, UNVERIFIED);
		client.onboard(token, NO_CONTENT_SETS);
		JsonNode page = list(token, 0, 2);
		assertThat(page.get("total_count").asInt()).isEqualTo(3);
		assertThat(page.get("list")).hasSize(2);
		assertThat(page.get("list").get(0).get("authorizer_appid").asString()).isEqualTo(FULL);
		assertThat(page.get("list").get(0).get("refresh_token").asString()).isEqualTo(full);
		assertThat(page.get("list").get(0).get("auth_time").asLong()).isCloseTo(client.now(),
				org.assertj.core.data.Offset.offset(5L));
		assertThat(list(token, 2, 500).get("list")).hasSize(1);
		assertError(list(token, 0, 501), 40097);
		assertError(list(token, 0, 0), 40097);
		assertError(list(token, -1, 10), 40097);
	}

	@Test
	void changingTheSetsReauthorizesWithANewCode() {
		String token = client.componentToken();
		client.onboard(token, FULL);
		JsonNode change = client.put("/sandbox/accounts/" + FULL + "/authorization",
				Map.of("permissionSets", List.of(1, 11))).json();
		assertThat(change.get("infoType").asString()).isEqualTo("updateauthorized");
		JsonNode info = client.queryAuth(token, change.get("authorizationCode").asString())
			.get("authorization_info");
		assertThat(funcInfo(info)).containsExactly(1, 11);
		assertError(client.business("/cgi-bin/freepublish/batchget", info.get("authorizer_access_token").asString(),
				Map.of("offset", 0, "count", 1)), 61007);
	}

	@Test
	void preAuthCodesAreIssuedWithTheirLifetime() {
		String token = client.componentToken();
		JsonNode answer = client.call("/cgi-bin/component/api_create_preauthcode?component_access_token=" + token,
				Map.of("component_appid", COMPONENT_APPID));
		assertThat(answer.get("pre_auth_code").asString()).startsWith("preauthcode@@@");
		assertThat(answer.get("expires_in").asInt()).isEqualTo(1800);
	}

	@Test
	void tokenRenewalsAreObservedWithTheTimeTheRenewedTokenHadLeft() {
		String componentToken = client.componentToken();
		JsonNode info = client.onboard(componentToken, FULL);
		String refreshToken = info.get("authorizer_refresh_token").asString();
		client.advance(6000);
		refresh(componentToken, FULL, refreshToken);
		JsonNode inTime = client.get("/sandbox/tokens").json().get("authorizer");
		assertThat(inTime.get("owners").asLong()).isEqualTo(1);
		assertThat(inTime.get("renewals").asLong()).isEqualTo(1);
		assertThat(inTime.get("renewalsAfterExpiry").asLong()).isZero();
		// 7200 − 6000 s, less the milliseconds the calls took.
		assertThat(inTime.get("leastSecondsLeft").asLong()).isBetween(1195L, 1200L);
		assertThat(inTime.get("expiredNow").asLong()).isZero();

		// The renewed token expires 7200 s from now.
		assertThat(client.get("/sandbox/tokens?expiringFrom=7000&expiringTo=7300").json().get("authorizer")
			.get("expiringBetween").asLong()).isEqualTo(1);
		assertThat(client.get("/sandbox/tokens?expiringFrom=7250&expiringTo=7300").json().get("authorizer")
			.get("expiringBetween").asLong()).isZero();
		assertThat(client.get("/sandbox/tokens?expiringFrom=x&expiringTo=7300").status()).isEqualTo(400);

		client.advance(7300);
		assertThat(client.get("/sandbox/tokens").json().get("authorizer").get("expiredNow").asLong()).isEqualTo(1);
		// A new component token too: the old one expired with the rest.
		refresh(client.componentToken(), FULL, refreshToken);
		JsonNode late = client.get("/sandbox/tokens").json().get("authorizer");
		assertThat(late.get("renewals").asLong()).isEqualTo(2);
		assertThat(late.get("renewalsAfterExpiry").asLong()).isEqualTo(1);
		assertThat(late.get("leastSecondsLeft").asLong()).isBetween(-105L, -100L);
		assertThat(late.get("expiredNow").asLong()).isZero();
	}

	private static JsonNode refresh(String componentToken, String appid, String refreshToken) {
		return client.call(AUTHORIZER_TOKEN + "?component_access_token=" + componentToken, Map.of("component_appid",
				COMPONENT_APPID, "authorizer_appid", appid, "authorizer_refresh_token", refreshToken));
	}

	private static JsonNode list(String componentToken, int offset, int count) {
		return client.call(LIST + "?component_access_token=" + componentToken,
				Map.of("component_appid", COMPONENT_APPID, "offset", offset, "count", count));
	}

	private static JsonNode count(String accessToken) {
		SandboxClient.Response response = client.get("/cgi-bin/material/get_materialcount?access_token=" + accessToken);
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	static List<Integer> funcInfo(JsonNode authorizationInfo) {
		List<Integer> ids = new ArrayList<>();
		authorizationInfo.get("func_info").forEach((item) -> ids.add(item.get("funcscope_category").get("id").asInt()));
		return ids;
	}

}

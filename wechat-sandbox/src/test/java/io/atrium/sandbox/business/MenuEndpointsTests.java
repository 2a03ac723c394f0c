package io.atrium.sandbox.business;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atrium.sandbox.AbstractSandboxTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.JSON;
import static io.atrium.sandbox.SandboxClient.UNVERIFIED;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code menu/create} and {@code menu/get} with an authorizer access token. */
class MenuEndpointsTests extends AbstractSandboxTests {

	private static final String CREATE = "/cgi-bin/menu/create";

	private static final String GET = "/cgi-bin/menu/get";

	private static final String MENU = """
			{"button":[
			  {"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC"},
			  {"name":"菜单","sub_button":[
			    {"type":"view","name":"搜索","url":"http://www.soso.com/"},
			    {"type":"miniprogram","name":"小程序","url":"http://mp.weixin.qq.com","appid":"wx286b93c14bbf93aa",
			     "pagepath":"pages/lunar/index"},
			    {"type":"click","name":"赞一下我们","key":"V1001_GOOD","extra":"dropped"}]}]}""";

	@Test
	void aCreatedMenuIsAnsweredByMenuGet() {
		String token = client.authorizerToken(FULL);
		JsonNode created = client.business(CREATE, token, MENU);
		assertThat(created.get("errcode").asInt()).isZero();
		assertThat(created.get("errmsg").asString()).isEqualTo("ok");

		JsonNode menu = get(token);

		assertThat(menu.has("errcode")).isFalse();
		JsonNode expected = JSON.readTree("""
				{"menu":{"button":[
				  {"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC","sub_button":[]},
				  {"name":"菜单","sub_button":[
				    {"type":"view","name":"搜索","url":"http://www.soso.com/","sub_button":[]},
				    {"type":"miniprogram","name":"小程序","url":"http://mp.weixin.qq.com","appid":"wx286b93c14bbf93aa",
				     "pagepath":"pages/lunar/index","sub_button":[]},
				    {"type":"click","name":"赞一下我们","key":"V1001_GOOD","sub_button":[]}]}]}}""");
		assertThat(menu).isEqualTo(expected);
	}

	@Test
	void menuGetAnswers46003BeforeAnyMenuWasCreated() {
		JsonNode answer = get(client.authorizerToken(FULL));
		assertError(answer, 46003);
		assertThat(answer.get("errmsg").asString()).startsWith("menu no exist rid: ");
	}

	@Test
	void aNewMenuReplacesTheOldOneAndMenusArePerAccount() {
		String token = client.authorizerToken(FULL);
		client.business(CREATE, token, MENU);
		client.business(CREATE, token, Map.of("button", List.of(Map.of("type", "click", "name", "一", "key", "k"))));
		assertThat(get(token).get("menu").get("button")).hasSize(1);
		String other = client.authorizerToken(createAccount(2, true));
		assertError(get(other), 46003);
	}

	@Test
	void aResetForgetsMenus() {
		client.business(CREATE, client.authorizerToken(FULL), MENU);
		client.reset();
		assertError(get(client.authorizerToken(FULL)), 46003);
	}

	@Test
	void buttonCountOutside1To3Answers40016() {
		String token = client.authorizerToken(FULL);
		Map<String, String> button = Map.of("type", "click", "name", "a", "key", "k");
		assertError(client.business(CREATE, token, Map.of("button", List.of())), 40016);
		assertError(client.business(CREATE, token, Map.of("button", List.of(button, button, button, button))),
				40016);
		assertError(client.business(CREATE, token, Map.of("menu", Map.of())), 40016);
		assertError(get(token), 46003);
	}

	@Test
	void subButtonRulesAnswer40022To40027() {
		String token = client.authorizerToken(FULL);
		Map<String, String> leaf = Map.of("type", "click", "name", "a", "key", "k");
		assertError(create(token, parent(leaf, leaf, leaf, leaf, leaf, leaf)), 40023);
		assertError(create(token, parent(Map.of("name", "a", "sub_button", List.of(leaf)))), 40022);
		assertError(create(token, parent(Map.of("type", "tap", "name", "a", "key", "k"))), 40024);
		assertError(create(token, parent(Map.of("type", "click", "name", "子".repeat(21), "key", "k"))), 40025);
		assertError(create(token, parent(Map.of("type", "click", "name", "a", "key", "k".repeat(129)))), 40026);
		assertError(create(token, parent(Map.of("type", "view", "name", "a"))), 40027);
		assertThat(create(token, parent(Map.of("type", "click", "name", "子".repeat(20), "key", "k".repeat(128))))
			.get("errcode").asInt()).isZero();
	}

	@Test
	void topLevelRulesAnswer40017To40020() {
		String token = client.authorizerToken(FULL);
		assertError(create(token, Map.of("type", "tap", "name", "a", "key", "k")), 40017);
		assertError(create(token, Map.of("name", "a")), 40017);
		// 16 bytes at most: five Chinese characters are 15 bytes, six are 18.
		assertError(create(token, Map.of("type", "click", "name", "六个汉字太长", "key", "k")), 40018);
		assertError(create(token, Map.of("type", "click", "name", "", "key", "k")), 40018);
		assertError(create(token, Map.of("type", "click", "name", "a")), 40019);
		assertError(create(token, Map.of("type", "view", "name", "a", "url", "u".repeat(1025))), 40020);
		assertError(create(token, Map.of("type", "media_id", "name", "a")), 40097);
		assertThat(create(token, Map.of("type", "click", "name", "五个汉字啊", "key", "k")).get("errcode").asInt())
			.isZero();
	}

	@Test
	void malformedOrEmptyBodyAnswers47001Or44002() {
		String token = client.authorizerToken(FULL);
		assertError(client.business(CREATE, token, "{\"button\":"), 47001);
		assertError(client.business(CREATE, token, ""), 44002);
	}

	@Test
	void withoutSet15BothAnswer61007() {
		String token = client.authorizerToken(FULL, 1, 7, 11);
		assertError(client.business(CREATE, token, MENU), 61007);
		assertError(get(token), 61007);
		assertError(get(client.authorizerToken(UNVERIFIED)), 61007);
	}

	@Test
	void anUnverifiedSubscriptionAccountAnswers48001ButAnUnverifiedServiceAccountMayHaveMenus() {
		String subscription = client.authorizerToken(createAccount(0, false));
		assertError(client.business(CREATE, subscription, MENU), 48001);
		assertError(get(subscription), 48001);
		String service = client.authorizerToken(createAccount(2, false));
		assertThat(client.business(CREATE, service, MENU).get("errcode").asInt()).isZero();
	}

	@Test
	void tokenErrors() {
		assertError(client.call(CREATE, MENU), 41001);
		assertError(client.business(CREATE, "unknown-token", MENU), 40001);
		assertError(client.get(GET + "?access_token=unknown-token").json(), 40001);
		String token = client.authorizerToken(FULL);
		client.advance(7200);
		assertError(client.business(CREATE, token, MENU), 42001);
		assertError(get(token), 42001);
	}

	@Test
	void bothAreMeteredAndReadByQuotaGet() {
		String token = client.authorizerToken(FULL);
		client.business(CREATE, token, MENU);
		client.business(CREATE, token, Map.of("button", List.of()));
		get(token);
		assertThat(quota(token, CREATE).get("used").asInt()).isEqualTo(2);
		assertThat(quota(token, GET).get("used").asInt()).isEqualTo(1);
		SandboxQuota.set(client, GET, FULL, 1);
		assertError(get(token), 45009);
	}

	private static JsonNode create(String token, Map<String, ?> button) {
		return client.business(CREATE, token, Map.of("button", List.of(button)));
	}

	@SafeVarargs
	private static Map<String, Object> parent(Map<String, ?>... children) {
		return Map.of("name", "父", "sub_button", List.of(children));
	}

	private static JsonNode get(String token) {
		return client.get(GET + "?access_token=" + token).json();
	}

	private static JsonNode quota(String token, String path) {
		return client.call("/cgi-bin/openapi/quota/get?access_token=" + token, Map.of("cgi_path", path))
			.get("quota");
	}

	/** A new account granting set 15 among others; answers its appid. */
	private static String createAccount(int serviceType, boolean verified) {
		Map<String, Object> account = new HashMap<>();
		account.put("serviceType", serviceType);
		account.put("verified", verified);
		account.put("permissionSets", List.of(1, 11, 15));
		return client.control("/sandbox/accounts", account).get("appid").asString();
	}

}

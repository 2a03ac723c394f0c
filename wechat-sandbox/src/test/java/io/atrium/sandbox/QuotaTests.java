package io.atrium.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.COMPONENT_SECRET;
import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.UNVERIFIED;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily and per-minute quotas, clear_quota and its monthly budget, openapi/quota/get. The sandbox's base clock is
 * fixed at 23:59:50 in Shanghai, so that day and month boundaries are where the tests expect them, whenever they
 * run.
 */
class QuotaTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** 2026-11-21 23:59:50 Asia/Shanghai. */
	private static final Instant START = Instant.parse("2026-11-21T15:59:50Z");

	private static WeChatSandbox sandbox;

	private static SandboxClient client;

	@BeforeAll
	static void startSandbox() {
		sandbox = WeChatSandbox.start(SandboxSettings.defaults().withBaseClock(Clock.fixed(START, ZoneOffset.UTC)));
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	@BeforeEach
	void resetSandbox() {
		client.reset();
	}

	@Test
	void theSandboxClockStartsAtTheInjectedInstant() {
		JsonNode clock = client.get("/sandbox/clock").json();
		assertThat(clock.get("now").asString()).isEqualTo("2026-11-21T15:59:50Z");
		assertThat(clock.get("offsetSeconds").asLong()).isZero();
		assertThat(sandbox.clock().instant()).isEqualTo(START);
		client.advance(60);
		client.reset();
		assertThat(client.now()).isEqualTo(START.getEpochSecond());
	}

	private static final String COUNT = "/cgi-bin/material/get_materialcount";

	private static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";

	@Test
	void dailyQuotaAnswers45009UntilMidnightInShanghai() {
		String token = client.authorizerToken(FULL);
		setQuota(COUNT, FULL, 3L, null);
		for (int i = 0; i < 3; i++) {
			assertThat(count(token).has("image_count")).isTrue();
		}
		JsonNode refused = count(token);
		assertError(refused, 45009);
		assertThat(refused.get("errmsg").asString()).startsWith("reach max api daily quota limit rid: ");
		assertThat(secondsToNextShanghaiMidnight()).isEqualTo(10);
		client.advance(9);
		assertError(count(token), 45009);
		client.advance(1);
		assertThat(Instant.ofEpochSecond(client.now()).atZone(SHANGHAI).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
		assertThat(count(token).has("image_count")).isTrue();
	}

	@Test
	void quotaIsPerAccount() {
		String full = client.authorizerToken(FULL);
		String other = client.authorizerToken(UNVERIFIED);
		setQuota(COUNT, null, 1L, null);
		assertThat(count(full).has("image_count")).isTrue();
		assertError(count(full), 45009);
		assertThat(count(other).has("image_count")).isTrue();
	}

	@Test
	void minuteQuotaAnswers45011UntilTheNextMinute() {
		String token = client.authorizerToken(FULL);
		startOfAMinute();
		setQuota(COUNT, FULL, null, 2L);
		assertThat(count(token).has("image_count")).isTrue();
		assertThat(count(token).has("image_count")).isTrue();
		JsonNode refused = count(token);
		assertError(refused, 45011);
		assertThat(refused.get("errmsg").asString())
			.startsWith("api minute-quota reach limit, must slower, retry next minute rid: ");
		client.advance(60);
		assertThat(count(token).has("image_count")).isTrue();
	}

	@Test
	void componentApisCountAgainstTheComponent() {
		startOfAMinute();
		setQuota("/cgi-bin/component/api_component_token", null, 2L, null);
		client.componentToken();
		client.componentToken();
		assertError(client.componentTokenCall(client.pushTicket()), 45009);
		assertThat(clearV2(null).get("errcode").asInt()).isZero();
		assertThat(client.componentToken()).isNotBlank();
	}

	@Test
	void refusedCallsDoNotCountAndFailedCallsDo() {
		String token = client.authorizerToken(FULL);
		String batchget = "/cgi-bin/freepublish/batchget";
		setQuota(batchget, FULL, 2L, null);
		assertError(client.business(batchget, token, Map.of("offset", 0, "count", 0)), 40097);
		assertThat(quota(token, batchget).get("used").asInt()).isEqualTo(1);
		assertThat(client.business(batchget, token, Map.of("offset", 0, "count", 1)).has("item")).isTrue();
		assertError(client.business(batchget, token, Map.of("offset", 0, "count", 1)), 45009);
		assertThat(quota(token, batchget).get("used").asInt()).isEqualTo(2);
		assertThat(quota(token, batchget).get("remain").asInt()).isZero();
	}

	@Test
	void clearQuotaResetsTheComponentsDailyCounts() {
		setQuota("/cgi-bin/component/api_create_preauthcode", null, 1L, null);
		String token = client.componentToken();
		assertThat(preAuth(token).has("pre_auth_code")).isTrue();
		assertError(preAuth(token), 45009);
		JsonNode cleared = client.call("/cgi-bin/component/clear_quota?component_access_token=" + token,
				Map.of("component_appid", COMPONENT_APPID));
		assertThat(cleared.get("errcode").asInt()).isZero();
		assertThat(cleared.get("errmsg").asString()).isEqualTo("ok");
		assertThat(preAuth(token).has("pre_auth_code")).isTrue();
	}

	@Test
	void clearQuotaV2ResetsOneAuthorizedAccount() {
		String token = client.authorizerToken(FULL);
		setQuota(COUNT, FULL, 1L, null);
		count(token);
		assertError(count(token), 45009);
		assertThat(clearV2(FULL).get("errcode").asInt()).isZero();
		assertThat(count(token).has("image_count")).isTrue();
		assertError(clearV2(UNVERIFIED), 61003);
	}

	@Test
	void clearQuotaV2ChecksTheSecret() {
		assertError(client.call("/cgi-bin/component/clear_quota/v2",
				Map.of("component_appid", COMPONENT_APPID, "appsecret", "wrong")), 40125);
		assertError(client.call("/cgi-bin/component/clear_quota/v2", Map.of("component_appid", COMPONENT_APPID)),
				41004);
		assertError(client.call("/cgi-bin/component/clear_quota/v2",
				Map.of("component_appid", "wx0000000000000000", "appsecret", COMPONENT_SECRET)), 61011);
	}

	@Test
	void tenClearsAMonthThen48006UntilTheNextMonth() {
		String token = client.componentToken();
		for (int i = 0; i < 10; i++) {
			JsonNode answer = (i % 2 == 0) ? clearV2(null)
					: client.call("/cgi-bin/component/clear_quota?component_access_token=" + token,
							Map.of("component_appid", COMPONENT_APPID));
			assertThat(answer.get("errcode").asInt()).as(answer.toString()).isZero();
		}
		assertError(clearV2(null), 48006);
		client.authorizerToken(FULL);
		assertThat(clearV2(FULL).get("errcode").asInt()).as("the budget is per account").isZero();
		long nextMonth = ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, SHANGHAI).toEpochSecond();
		client.advance(nextMonth - client.now() - 1);
		assertError(clearV2(null), 48006);
		client.advance(1);
		assertThat(clearV2(null).get("errcode").asInt()).isZero();
	}

	@Test
	void quotaGetReportsTheComponentsQuotaWithAComponentToken() {
		String token = client.componentToken();
		JsonNode answer = client.call(QUOTA_GET + "?access_token=" + token,
				Map.of("cgi_path", "/cgi-bin/component/api_component_token"));
		assertThat(answer.get("errcode").asInt()).isZero();
		JsonNode quota = answer.get("quota");
		assertThat(quota.get("daily_limit").asInt()).isEqualTo(10_000);
		assertThat(quota.get("used").asInt()).isEqualTo(1);
		assertThat(quota.get("remain").asInt()).isEqualTo(9_999);
		assertThat(answer.get("rate_limit").get("call_count").asInt()).isPositive();
		assertThat(answer.get("rate_limit").get("refresh_second").asInt()).isEqualTo(60);
	}

	@Test
	void quotaGetReportsAnAccountsQuotaWithItsToken() {
		String token = client.authorizerToken(FULL);
		setQuota(COUNT, FULL, 50L, 7L);
		count(token);
		count(token);
		JsonNode answer = client.call(QUOTA_GET + "?access_token=" + token, Map.of("cgi_path", COUNT));
		assertThat(answer.get("quota").get("daily_limit").asInt()).isEqualTo(50);
		assertThat(answer.get("quota").get("used").asInt()).isEqualTo(2);
		assertThat(answer.get("quota").get("remain").asInt()).isEqualTo(48);
		assertThat(answer.get("rate_limit").get("call_count").asInt()).isEqualTo(7);
		assertThat(answer.has("component_rate_limit")).isTrue();
	}

	@Test
	void quotaGetPathErrors() {
		String component = client.componentToken();
		String authorizer = client.authorizerToken(FULL);
		assertError(client.call(QUOTA_GET + "?access_token=" + component, Map.of("cgi_path", "/cgi-bin/nope")), 76021);
		assertError(client.call(QUOTA_GET + "?access_token=" + component,
				Map.of("cgi_path", "cgi-bin/component/api_component_token")), 76003);
		assertError(client.call(QUOTA_GET + "?access_token=" + component, Map.of("cgi_path", COUNT)), 76022);
		assertError(client.call(QUOTA_GET + "?access_token=" + authorizer,
				Map.of("cgi_path", "/cgi-bin/component/api_query_auth")), 76022);
		assertError(client.call(QUOTA_GET, Map.of("cgi_path", COUNT)), 41001);
		assertError(client.call(QUOTA_GET + "?access_token=bogus", Map.of("cgi_path", COUNT)), 40001);
	}

	@Test
	void quotaGetTakesTheTokenOnlyAsAccessToken() {
		String component = client.componentToken();
		String authorizer = client.authorizerToken(FULL);
		assertError(client.call(QUOTA_GET + "?component_access_token=" + component,
				Map.of("cgi_path", "/cgi-bin/component/api_component_token")), 41001);
		assertError(client.call(QUOTA_GET + "?component_access_token=" + authorizer, Map.of("cgi_path", COUNT)),
				41001);
		assertThat(client.call(QUOTA_GET + "?access_token=" + component + "&component_access_token=bogus",
				Map.of("cgi_path", "/cgi-bin/component/api_component_token")).get("errcode").asInt()).isZero();
	}

	@Test
	void quotaSettingsAreValidated() {
		assertThat(client.put("/sandbox/quotas", Map.of("endpoint", "/nope", "dailyLimit", 1)).status())
			.isEqualTo(400);
		assertThat(client.put("/sandbox/quotas", Map.of("endpoint", COUNT)).status()).isEqualTo(400);
		assertThat(client.put("/sandbox/quotas", Map.of("endpoint", COUNT, "dailyLimit", -1)).status())
			.isEqualTo(400);
		assertThat(client.put("/sandbox/quotas", Map.of("endpoint", QUOTA_GET, "dailyLimit", 1)).status())
			.isEqualTo(400);
		JsonNode quotas = client.get("/sandbox/quotas").json();
		assertThat(quotas.get("defaults").get(COUNT).get("dailyLimit").asLong()).isPositive();
	}

	private static void setQuota(String endpoint, String appid, Long daily, Long perMinute) {
		Map<String, Object> body = new HashMap<>();
		body.put("endpoint", endpoint);
		if (appid != null) {
			body.put("appid", appid);
		}
		if (daily != null) {
			body.put("dailyLimit", daily);
		}
		if (perMinute != null) {
			body.put("perMinute", perMinute);
		}
		SandboxClient.Response response = client.put("/sandbox/quotas", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private static JsonNode count(String token) {
		return client.get(COUNT + "?access_token=" + token).json();
	}

	private static JsonNode preAuth(String token) {
		return client.call("/cgi-bin/component/api_create_preauthcode?component_access_token=" + token,
				Map.of("component_appid", COMPONENT_APPID));
	}

	private static JsonNode quota(String token, String path) {
		return client.call(QUOTA_GET + "?access_token=" + token, Map.of("cgi_path", path)).get("quota");
	}

	private static JsonNode clearV2(String appid) {
		Map<String, Object> body = new HashMap<>();
		body.put("component_appid", COMPONENT_APPID);
		body.put("appsecret", COMPONENT_SECRET);
		if (appid != null) {
			body.put("appid", appid);
		}
		return client.call("/cgi-bin/component/clear_quota/v2", body);
	}

	private static long secondsToNextShanghaiMidnight() {
		ZonedDateTime now = Instant.ofEpochSecond(client.now()).atZone(SHANGHAI);
		return now.toLocalDate().plusDays(1).atStartOfDay(SHANGHAI).toEpochSecond() - now.toEpochSecond();
	}

	/** Moves the clock to the start of a minute, so that a test has most of a minute to itself. */
	private static void startOfAMinute() {
		client.advance(60 - client.now() % 60);
	}

}

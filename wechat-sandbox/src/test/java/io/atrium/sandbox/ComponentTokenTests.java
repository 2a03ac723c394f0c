package io.atrium.sandbox;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.COMPONENT_SECRET;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** api_component_token, tickets, and the life of a component access token. */
class ComponentTokenTests extends AbstractSandboxTests {

	private static final String PREAUTH = "/cgi-bin/component/api_create_preauthcode";

	@Test
	void issuesTokenForTheLatestTicketWithoutErrcode() {
		JsonNode answer = client.componentTokenCall(client.pushTicket());
		assertThat(answer.get("component_access_token").asString()).hasSizeGreaterThan(40);
		assertThat(answer.get("expires_in").asInt()).isEqualTo(7200);
		assertThat(answer.has("errcode")).isFalse();
	}

	@Test
	void ticketsLookLikeWeChatsAndEveryPushIssuesANewOne() {
		String first = client.pushTicket();
		String second = client.pushTicket();
		assertThat(first).startsWith("ticket@@@").isNotEqualTo(second);
		assertThat(client.get("/sandbox/tickets").json().get("ticket").asString()).isEqualTo(second);
	}

	@Test
	void wrongSecretAnswers40125AndMissingSecret41004() {
		String ticket = client.pushTicket();
		assertError(client.call("/cgi-bin/component/api_component_token", Map.of("component_appid", COMPONENT_APPID,
				"component_appsecret", "wrong", "component_verify_ticket", ticket)), 40125);
		assertError(client.call("/cgi-bin/component/api_component_token",
				Map.of("component_appid", COMPONENT_APPID, "component_verify_ticket", ticket)), 41004);
	}

	@Test
	void wrongComponentAppidAnswers61011() {
		assertError(client.call("/cgi-bin/component/api_component_token", Map.of("component_appid",
				"wx0000000000000000", "component_appsecret", COMPONENT_SECRET, "component_verify_ticket",
				client.pushTicket())), 61011);
	}

	@Test
	void unknownOrEmptyTicketAnswers61006() {
		client.pushTicket();
		assertError(client.componentTokenCall("ticket@@@never-issued"), 61006);
		assertError(client.componentTokenCall(""), 61006);
	}

	@Test
	void olderTicketWorksWhileYoungerThan12HoursThen61005() {
		String old = client.pushTicket();
		client.advance(11 * 3600);
		client.pushTicket();
		assertThat(client.componentTokenCall(old).has("component_access_token")).isTrue();
		client.advance(3600 + 1);
		assertError(client.componentTokenCall(old), 61005);
	}

	@Test
	void theLatestTicketExpiresAfter12HoursToo() {
		String latest = client.pushTicket();
		client.advance(12 * 3600 - 1);
		assertThat(client.componentTokenCall(latest).has("component_access_token")).isTrue();
		client.advance(1);
		assertThat(client.get("/sandbox/tickets").json().get("ticket").asString()).isEqualTo(latest);
		assertError(client.componentTokenCall(latest), 61005);
		assertThat(client.componentTokenCall(client.pushTicket()).has("component_access_token")).isTrue();
	}

	@Test
	void malformedJsonAnswers47001AndEmptyBody44002() {
		assertError(client.call("/cgi-bin/component/api_component_token", "{not json"), 47001);
		assertError(client.call("/cgi-bin/component/api_component_token", ""), 44002);
	}

	@Test
	void acceptsTheTokenUnderBothParameterNames() {
		String token = client.componentToken();
		JsonNode legacy = client.call(PREAUTH + "?component_access_token=" + token,
				Map.of("component_appid", COMPONENT_APPID));
		JsonNode newer = client.call(PREAUTH + "?access_token=" + token, Map.of("component_appid", COMPONENT_APPID));
		assertThat(legacy.get("pre_auth_code").asString()).startsWith("preauthcode@@@");
		assertThat(newer.get("pre_auth_code").asString()).startsWith("preauthcode@@@");
		assertThat(legacy.get("expires_in").asInt()).isEqualTo(1800);
	}

	@Test
	void missingTokenAnswers41001AndUnknownToken40001() {
		assertError(client.call(PREAUTH, Map.of("component_appid", COMPONENT_APPID)), 41001);
		assertError(client.call(PREAUTH + "?component_access_token=", Map.of("component_appid", COMPONENT_APPID)),
				41001);
		assertError(client.call(PREAUTH + "?component_access_token=nonsense",
				Map.of("component_appid", COMPONENT_APPID)), 40001);
	}

	@Test
	void supersededTokenStaysValidFiveMinutesThen40001() {
		String first = client.componentToken();
		String second = client.componentToken();
		assertThat(second).isNotEqualTo(first);
		client.advance(299);
		assertThat(preAuth(first).has("pre_auth_code")).isTrue();
		client.advance(2);
		assertError(preAuth(first), 40001);
		assertThat(preAuth(second).has("pre_auth_code")).isTrue();
	}

	@Test
	void tokenExpiresAfterItsLifetimeWith42001() {
		String token = client.componentToken();
		client.advance(7199);
		assertThat(preAuth(token).has("pre_auth_code")).isTrue();
		client.advance(1);
		assertError(preAuth(token), 42001);
	}

	@Test
	void expiryBeforeTheGraceEndsAnswers42001() {
		String first = client.componentToken();
		client.advance(7100);
		client.componentToken();
		client.advance(200);
		assertError(preAuth(first), 42001);
	}

	@Test
	void wrongComponentAppidOnATokenCallAnswers61011() {
		String token = client.componentToken();
		assertError(client.call(PREAUTH + "?component_access_token=" + token,
				Map.of("component_appid", "wx0000000000000000")), 61011);
	}

	@Test
	void errmsgCarriesAHexRidWhoseFirstGroupIsTheTime() {
		JsonNode answer = client.call(PREAUTH, Map.of("component_appid", COMPONENT_APPID));
		String errmsg = answer.get("errmsg").asString();
		assertThat(errmsg).matches("access_token missing rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
		long time = Long.parseLong(errmsg.substring(errmsg.indexOf("rid: ") + 5, errmsg.indexOf("rid: ") + 13), 16);
		assertThat(time).isCloseTo(client.now(), org.assertj.core.data.Offset.offset(5L));
	}

	@Test
	void startPushTicketIssuesATicketAndAnswersOk() {
		String before = client.pushTicket();
		JsonNode answer = client.call("/cgi-bin/component/api_start_push_ticket",
				Map.of("component_appid", COMPONENT_APPID, "component_secret", COMPONENT_SECRET));
		assertThat(answer.get("errcode").asInt()).isZero();
		assertThat(answer.get("errmsg").asString()).isEqualTo("ok");
		assertThat(client.get("/sandbox/tickets").json().get("ticket").asString()).isNotEqualTo(before);
	}

	@Test
	void startPushTicketChecksAppidWith40013AndSecretWith40125() {
		assertError(client.call("/cgi-bin/component/api_start_push_ticket",
				Map.of("component_appid", "wx0000000000000000", "component_secret", COMPONENT_SECRET)), 40013);
		assertError(client.call("/cgi-bin/component/api_start_push_ticket",
				Map.of("component_appid", COMPONENT_APPID, "component_secret", "wrong")), 40125);
	}

	@Test
	void wrongMethodAndUnknownPathAreHttpErrors() {
		assertThat(client.get("/cgi-bin/component/api_component_token").status()).isEqualTo(405);
		assertThat(client.post("/cgi-bin/component/no_such_api", "{}").status()).isEqualTo(404);
	}

	@Test
	void answersJsonInUtf8() {
		SandboxClient.Response response = client.post(PREAUTH, "{}");
		assertThat(response.header("Content-Type")).startsWith("application/json").contains("UTF-8");
	}

	private JsonNode preAuth(String token) {
		return client.call(PREAUTH + "?component_access_token=" + token, Map.of("component_appid", COMPONENT_APPID));
	}

}

package io.atrium.sandbox;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.COMPONENT_SECRET;
import static io.atrium.sandbox.SandboxClient.FULL;
import static org.assertj.core.api.Assertions.assertThat;

/** Encrypted pushes to the auth-event URL: tickets and authorization events. */
class PushTests {

	private static PushReceiver receiver;

	private static WeChatSandbox sandbox;

	private static SandboxClient client;

	@BeforeAll
	static void start() throws IOException {
		receiver = new PushReceiver(SandboxSettings.defaults());
		sandbox = WeChatSandbox.start(SandboxSettings.defaults().withCallbackUrl(receiver.url()));
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
		receiver.close();
	}

	@BeforeEach
	void reset() {
		receiver.answer(200, "success");
		client.reset();
		receiver.clear();
	}

	@Test
	void pushesATicketAtStartUp() throws IOException {
		try (PushReceiver own = new PushReceiver(SandboxSettings.defaults());
				WeChatSandbox started = WeChatSandbox.start(SandboxSettings.defaults().withCallbackUrl(own.url()))) {
			assertThat(own.received()).hasSize(1);
			PushReceiver.Received push = own.received().get(0);
			assertThat(push.xml().get("InfoType")).isEqualTo("component_verify_ticket");
			assertThat(push.xml().get("ComponentVerifyTicket")).isEqualTo(started.latestTicket().orElseThrow());
		}
	}

	@Test
	void ticketPushIsEncryptedSignedAndShapedLikeWeChats() {
		String ticket = client.pushTicket();
		PushReceiver.Received push = single("component_verify_ticket");
		assertThat(push.method()).isEqualTo("POST");
		assertThat(push.contentType()).startsWith("text/xml");
		assertThat(push.query()).containsOnlyKeys("signature", "timestamp", "nonce", "encrypt_type", "msg_signature")
			.containsEntry("encrypt_type", "aes");
		assertThat(push.urlSignatureOk()).isTrue();
		assertThat(push.body()).startsWith("<xml><AppId><![CDATA[" + COMPONENT_APPID + "]]></AppId><Encrypt>");
		assertThat(push.plaintext()).matches("<xml><AppId><!\\[CDATA\\[" + COMPONENT_APPID
				+ "]]></AppId><CreateTime>\\d{10}</CreateTime><InfoType><!\\[CDATA\\[component_verify_ticket]]>"
				+ "</InfoType><ComponentVerifyTicket><!\\[CDATA\\[ticket@@@[A-Za-z0-9_-]+]]></ComponentVerifyTicket></xml>");
		assertThat(push.xml().get("ComponentVerifyTicket")).isEqualTo(ticket);
		assertThat(Long.parseLong(push.xml().get("CreateTime"))).isEqualTo(Long.parseLong(push.query().get("timestamp")));
	}

	@Test
	void resetPushesAFreshTicketThatGetsAToken() {
		client.reset();
		String ticket = single("component_verify_ticket").xml().get("ComponentVerifyTicket");
		JsonNode answer = client.componentTokenCall(ticket);
		assertThat(answer.has("component_access_token")).isTrue();
	}

	@Test
	void startPushTicketPushesBeforeItAnswers() {
		JsonNode answer = client.call("/cgi-bin/component/api_start_push_ticket",
				Map.of("component_appid", COMPONENT_APPID, "component_secret", COMPONENT_SECRET));
		assertThat(answer.get("errcode").asInt()).isZero();
		String ticket = single("component_verify_ticket").xml().get("ComponentVerifyTicket");
		assertThat(client.componentTokenCall(ticket).has("component_access_token")).isTrue();
	}

	@Test
	void advancingPastSeveralPushTimesPushesOnce() {
		assertThat(client.advance(590).get("ticketPushed").asBoolean()).isFalse();
		assertThat(receiver.received()).isEmpty();
		JsonNode advanced = client.advance(3 * 600);
		assertThat(advanced.get("ticketPushed").asBoolean()).isTrue();
		assertThat(receiver.received("component_verify_ticket")).hasSize(1);
		client.advance(590);
		assertThat(receiver.received()).hasSize(1);
		client.advance(20);
		assertThat(receiver.received("component_verify_ticket")).hasSize(2);
	}

	@Test
	void pausedTicketPushesStayMissingUntilResumedWhilePushesOnDemandStillHappen() {
		client.control("/sandbox/tickets/pause", "");
		assertThat(client.advance(3 * 600).get("ticketPushed").asBoolean()).isFalse();
		assertThat(receiver.received()).isEmpty();
		client.pushTicket();
		assertThat(receiver.received("component_verify_ticket")).hasSize(1);
		client.advance(3 * 600);
		assertThat(receiver.received()).hasSize(1);

		client.control("/sandbox/tickets/resume", "");
		client.advance(590);
		assertThat(receiver.received()).hasSize(1);
		assertThat(client.advance(20).get("ticketPushed").asBoolean()).isTrue();
		assertThat(receiver.received("component_verify_ticket")).hasSize(2);
	}

	@Test
	void aResetEndsAPause() {
		client.control("/sandbox/tickets/pause", "");
		client.reset();
		receiver.clear();
		assertThat(client.advance(600).get("ticketPushed").asBoolean()).isTrue();
	}

	@Test
	void authorizingPushesAuthorizedWithACodeThatWorks() {
		JsonNode outcome = client.control("/sandbox/accounts/" + FULL + "/authorize", "");
		PushReceiver.Received push = single("authorized");
		assertThat(push.xml().get("AppId")).isEqualTo(COMPONENT_APPID);
		assertThat(push.xml().get("AuthorizerAppid")).isEqualTo(FULL);
		String code = push.xml().get("AuthorizationCode");
		assertThat(code).isEqualTo(outcome.get("authorizationCode").asString()).startsWith("queryauthcode@@@");
		long createTime = Long.parseLong(push.xml().get("CreateTime"));
		assertThat(Long.parseLong(push.xml().get("AuthorizationCodeExpiredTime"))).isEqualTo(createTime + 600);
		assertThat(push.xml().get("PreAuthCode")).startsWith("preauthcode@@@");
		assertThat(push.plaintext()).startsWith("<xml><AppId><![CDATA[" + COMPONENT_APPID
				+ "]]></AppId><CreateTime>" + createTime + "</CreateTime><InfoType><![CDATA[authorized]]></InfoType>"
				+ "<AuthorizerAppid><![CDATA[" + FULL + "]]></AuthorizerAppid><AuthorizationCode><![CDATA[");
		assertThat(outcome.get("push").get("acknowledged").asBoolean()).isTrue();
		assertThat(client.queryAuth(client.componentToken(), code).has("authorization_info")).isTrue();
	}

	@Test
	void anAuthorizationWithoutPushIsListedAndItsCodeWorksButNothingArrives() {
		JsonNode outcome = client.control("/sandbox/accounts/" + FULL + "/authorize", Map.of("push", false));
		assertThat(outcome.get("push").isNull()).isTrue();
		JsonNode listed = client.call("/cgi-bin/component/api_get_authorizer_list?component_access_token="
				+ client.componentToken(), Map.of("component_appid", COMPONENT_APPID, "offset", 0, "count", 500));
		assertThat(listed.get("list").valueStream().map((item) -> item.get("authorizer_appid").asString()))
			.contains(FULL);
		assertThat(client.queryAuth(client.componentToken(), outcome.get("authorizationCode").asString())
			.has("authorization_info")).isTrue();
		assertThat(receiver.received("authorized")).isEmpty();
	}

	@Test
	void reauthorizingAndChangingPushUpdateauthorized() {
		client.authorize(FULL);
		client.authorize(FULL, 1, 7);
		client.put("/sandbox/accounts/" + FULL + "/authorization", Map.of("permissionSets", List.of(1)));
		assertThat(receiver.received("authorized")).hasSize(1);
		List<PushReceiver.Received> updates = receiver.received("updateauthorized");
		assertThat(updates).hasSize(2);
		assertThat(updates.get(1).xml().get("AuthorizerAppid")).isEqualTo(FULL);
		JsonNode info = client.queryAuth(client.componentToken(), updates.get(1).xml().get("AuthorizationCode"))
			.get("authorization_info");
		assertThat(AuthorizationTests.funcInfo(info)).containsExactly(1);
	}

	@Test
	void revokingPushesUnauthorized() {
		client.authorize(FULL);
		receiver.clear();
		client.delete("/sandbox/accounts/" + FULL + "/authorization");
		PushReceiver.Received push = single("unauthorized");
		assertThat(push.plaintext()).matches("<xml><AppId><!\\[CDATA\\[" + COMPONENT_APPID
				+ "]]></AppId><CreateTime>\\d{10}</CreateTime><InfoType><!\\[CDATA\\[unauthorized]]></InfoType>"
				+ "<AuthorizerAppid><!\\[CDATA\\[" + FULL + "]]></AuthorizerAppid></xml>");
	}

	@Test
	void authorizationPagePushesWithItsPreAuthCode() {
		String preAuthCode = client.call("/cgi-bin/component/api_create_preauthcode?component_access_token="
				+ client.componentToken(), Map.of("component_appid", COMPONENT_APPID)).get("pre_auth_code").asString();
		SandboxClient.Response confirmed = client.postForm("/cgi-bin/componentloginpage/confirm",
				List.of(Map.entry("component_appid", COMPONENT_APPID), Map.entry("pre_auth_code", preAuthCode),
						Map.entry("redirect_uri", "https://p.example/cb"), Map.entry("authorizer_appid", FULL),
						Map.entry("permission_set", "7")));
		assertThat(confirmed.status()).isEqualTo(302);
		PushReceiver.Received push = single("authorized");
		assertThat(push.xml().get("PreAuthCode")).isEqualTo(preAuthCode);
		assertThat(confirmed.header("Location"))
			.contains(URLEncoder.encode(push.xml().get("AuthorizationCode"), StandardCharsets.UTF_8));
	}

	@Test
	void pushLogShowsWhatTheReceiverAnswered() {
		assertThat(client.get("/sandbox/pushes").json().get("pushes")).as("the reset's start-up push").hasSize(1);
		client.delete("/sandbox/pushes");
		client.pushTicket();
		receiver.answer(500, "oops");
		JsonNode failed = client.control("/sandbox/tickets/push", "").get("push");
		assertThat(failed.get("status").asInt()).isEqualTo(500);
		assertThat(failed.get("responseBody").asString()).isEqualTo("oops");
		assertThat(failed.get("acknowledged").asBoolean()).isFalse();
		JsonNode log = client.get("/sandbox/pushes").json().get("pushes");
		assertThat(log).hasSize(2);
		JsonNode first = log.get(0);
		assertThat(first.get("infoType").asString()).isEqualTo("component_verify_ticket");
		assertThat(first.get("status").asInt()).isEqualTo(200);
		assertThat(first.get("responseBody").asString()).isEqualTo("success");
		assertThat(first.get("acknowledged").asBoolean()).isTrue();
		assertThat(first.get("url").asString()).startsWith(receiver.url() + "?signature=");
		assertThat(first.get("plaintext").asString()).contains("<InfoType><![CDATA[component_verify_ticket]]>");
		assertThat(client.delete("/sandbox/pushes").status()).isEqualTo(204);
		assertThat(client.get("/sandbox/pushes").json().get("pushes")).isEmpty();
	}

	@Test
	void anUnreachableReceiverIsRecordedNotFatal() throws IOException {
		PushReceiver gone = new PushReceiver(SandboxSettings.defaults());
		String url = gone.url();
		gone.close();
		try (WeChatSandbox lonely = WeChatSandbox.start(SandboxSettings.defaults().withCallbackUrl(url))) {
			SandboxClient other = new SandboxClient(lonely.baseUrl());
			JsonNode pushed = other.control("/sandbox/tickets/push", "");
			assertThat(pushed.get("push").get("error").asString()).isNotBlank();
			assertThat(pushed.get("push").get("acknowledged").asBoolean()).isFalse();
			assertThat(other.componentTokenCall(pushed.get("ticket").asString()).has("component_access_token"))
				.isTrue();
		}
	}

	private static PushReceiver.Received single(String infoType) {
		List<PushReceiver.Received> pushes = receiver.received(infoType);
		assertThat(pushes).as("%s pushes among %s", infoType, receiver.received()).hasSize(1);
		return pushes.get(0);
	}

}

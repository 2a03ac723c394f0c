package io.atrium.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 全网发布 run ({@code POST /sandbox/release-test}) against a small platform written in the test from the
 * protocol: it passes when every step is answered as WeChat's test expects, and names what is wrong otherwise.
 */
class ReleaseTestTests {

	private static final List<String> TEST_APPIDS = List.of("wx570bc396a51b8ff8", "wxd101a85aa106f53e",
			"wx9252c5e0bb1836fc", "wxc39235c15087f6f3", "wx8e1097c5bc82cde9", "wx7720d01d4b2a4500",
			"wx14550af28c71a144", "wx05d483572dcd5d8b", "wxa35b9c23cfe664eb", "wx5910277cae6fd970");

	private static MessageReceiver receiver;

	private static WeChatSandbox sandbox;

	private static SandboxClient client;

	@BeforeAll
	static void start() throws IOException {
		receiver = new MessageReceiver(SandboxSettings.defaults());
		sandbox = WeChatSandbox.start(SandboxSettings.defaults().withMessageUrl(receiver.url()));
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
		receiver.close();
	}

	@BeforeEach
	void reset() {
		client.reset();
		receiver.clear();
	}

	@Test
	void everyGroupPassesAgainstAPlatformThatAnswersAsTheTestExpects() {
		receiver.respond(platform(client.componentToken()));

		JsonNode report = client.control("/sandbox/release-test", "");

		assertThat(report.get("passed").asBoolean()).as(report.toString()).isTrue();
		assertThat(report.get("group").isNull()).isTrue();
		assertThat(report.get("accounts").valueStream().map((account) -> account.get("appid").asString()))
			.containsExactlyElementsOf(TEST_APPIDS);
		for (JsonNode account : report.get("accounts")) {
			assertThat(account.get("steps").valueStream().map((step) -> step.get("step").asString()))
				.containsExactly("text", "query_auth_code", "event");
			assertThat(account.get("steps").valueStream().map((step) -> step.get("attempts").asInt())).containsOnly(1);
		}
		// The QUERY_AUTH_CODE step's message reached each test user through message/custom/send.
		for (String appid : TEST_APPIDS) {
			JsonNode sent = client.get("/sandbox/accounts/" + appid + "/custom-messages").json().get("messages");
			assertThat(sent).hasSize(1);
			assertThat(sent.get(0).get("content").asString()).startsWith("queryauthcode@@@").endsWith("_from_api");
		}
		// No authorized/updateauthorized push for the test accounts: they are not merchants onboarding.
		assertThat(client.get("/sandbox/pushes").json().get("pushes").valueStream()
			.filter((push) -> "auth-event".equals(push.get("target").asString()))).isEmpty();
	}

	@Test
	void oneGroupRunsItsOfficialAccountAndMiniProgram() {
		receiver.respond(platform(client.componentToken()));

		JsonNode report = client.control("/sandbox/release-test", Map.of("group", 3));

		assertThat(report.get("passed").asBoolean()).as(report.toString()).isTrue();
		assertThat(report.get("accounts").valueStream().map((account) -> account.get("kind").asString()))
			.containsExactly("official_account", "mini_program");
		assertThat(report.get("accounts").valueStream().map((account) -> account.get("appid").asString()))
			.containsExactly("wx8e1097c5bc82cde9", "wx7720d01d4b2a4500");
		// The Mini Program's event is its own.
		assertThat(receiver.received().stream()
			.filter((message) -> "event".equals(message.xml().get("MsgType")))
			.map((message) -> message.xml().get("Event"))).containsExactlyInAnyOrder("subscribe",
					"user_enter_tempsession");
	}

	@Test
	void aPlatformThatOnlySaysSuccessFailsEveryStepAndIsToldWhy() {
		receiver.respond((message) -> MessageReceiver.Answer.text("success"));

		JsonNode report = client.control("/sandbox/release-test", Map.of("group", 1, "waitSeconds", 1));

		assertThat(report.get("passed").asBoolean()).isFalse();
		JsonNode steps = report.get("accounts").get(0).get("steps");
		assertThat(steps.valueStream().map((step) -> step.get("passed").asBoolean())).containsOnly(false);
		assertThat(steps.get(0).get("detail").asString()).isEqualTo("answered without a passive reply");
		// The code is masked: reports end up in logs.
		assertThat(steps.get(1).get("detail").asString())
			.isEqualTo("no customer-service message queryauthcode@@@***_from_api to the user within 1 s");
		assertThat(steps.get(2).get("detail").asString()).isEqualTo("answered without a passive reply");
	}

	@Test
	void aWrongReplyIsNamed() {
		String token = client.componentToken();
		receiver.respond((message) -> "TESTCOMPONENT_MSG_TYPE_TEXT".equals(message.xml().get("Content"))
				? MessageReceiver.Answer.text(receiver.sealedTextReply(message, "TESTCOMPONENT_MSG_TYPE_TEXT"))
				: platform(token).apply(message));

		JsonNode report = client.control("/sandbox/release-test", Map.of("group", 2));

		JsonNode text = report.get("accounts").get(0).get("steps").get(0);
		assertThat(text.get("passed").asBoolean()).isFalse();
		assertThat(text.get("detail").asString())
			.isEqualTo("passive reply says 'TESTCOMPONENT_MSG_TYPE_TEXT', "
					+ "expected 'TESTCOMPONENT_MSG_TYPE_TEXT_callback'");
		assertThat(report.get("accounts").get(0).get("steps").get(2).get("passed").asBoolean()).isTrue();
	}

	@Test
	void aPassiveReplyToQueryAuthCodeFailsThatStep() {
		String token = client.componentToken();
		receiver.respond((message) -> {
			MessageReceiver.Answer answer = platform(token).apply(message);
			String content = message.xml().get("Content");
			return (content != null && content.startsWith("QUERY_AUTH_CODE:"))
					? MessageReceiver.Answer.text(receiver.sealedTextReply(message, "working on it")) : answer;
		});

		JsonNode report = client.control("/sandbox/release-test", Map.of("group", 1));

		JsonNode step = report.get("accounts").get(0).get("steps").get(1);
		assertThat(step.get("passed").asBoolean()).isFalse();
		assertThat(step.get("detail").asString()).isEqualTo("answered a passive reply; the test expects an empty one");
	}

	@Test
	void anAnswerThatNeededARetryIsTooLateForTheTest() {
		String token = client.componentToken();
		receiver.respond((message) -> {
			// The Official Account's first text only (the Mini Program's runs at the same time).
			boolean firstText = "wx570bc396a51b8ff8".equals(message.appid())
					&& "TESTCOMPONENT_MSG_TYPE_TEXT".equals(message.xml().get("Content"))
					&& receiver.received().stream()
						.filter((seen) -> seen.appid().equals(message.appid())
								&& "TESTCOMPONENT_MSG_TYPE_TEXT".equals(seen.xml().get("Content")))
						.count() == 1;
			MessageReceiver.Answer answer = platform(token).apply(message);
			return firstText ? new MessageReceiver.Answer(answer.status(), answer.body(), 6_000) : answer;
		});

		JsonNode report = client.control("/sandbox/release-test", Map.of("group", 1));

		JsonNode officialAccount = report.get("accounts").get(0);
		JsonNode text = officialAccount.get("steps").get(0);
		assertThat(text.get("passed").asBoolean()).isFalse();
		assertThat(text.get("attempts").asInt()).isEqualTo(2);
		assertThat(text.get("detail").asString()).isEqualTo("first attempt: no answer within 5 s");
	}

	@Test
	void theTestAccountsAreListedAndBadGroupsRefused() {
		JsonNode accounts = client.get("/sandbox/release-test/accounts").json().get("accounts");
		assertThat(accounts.valueStream().map((account) -> account.get("appid").asString()))
			.containsExactlyElementsOf(TEST_APPIDS);
		assertThat(accounts.get(0).get("userName").asString()).isEqualTo("gh_3c884a361561");
		assertThat(accounts.get(1).get("userName").asString()).isEqualTo("gh_8dad206e9538");
		assertThat(client.post("/sandbox/release-test", Map.of("group", 6)).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/release-test", Map.of("group", 1, "waitSeconds", 0)).status())
			.isEqualTo(400);
		assertThat(receiver.received()).isEmpty();
	}

	/**
	 * What a platform must do for the test, written from the protocol: passive replies to the text and to events;
	 * for QUERY_AUTH_CODE an empty answer at once, then api_query_auth and a customer-service message.
	 */
	private static Function<MessageReceiver.Received, MessageReceiver.Answer> platform(String componentToken) {
		return (message) -> {
			if ("event".equals(message.xml().get("MsgType"))) {
				return MessageReceiver.Answer
					.text(receiver.sealedTextReply(message, message.xml().get("Event") + "from_callback"));
			}
			String content = message.xml().get("Content");
			if ("TESTCOMPONENT_MSG_TYPE_TEXT".equals(content)) {
				return MessageReceiver.Answer.text(receiver.sealedTextReply(message, content + "_callback"));
			}
			if (content != null && content.startsWith("QUERY_AUTH_CODE:")) {
				String code = content.substring("QUERY_AUTH_CODE:".length());
				String openid = message.xml().get("FromUserName");
				CompletableFuture.runAsync(() -> {
					String token = client.queryAuth(componentToken, code)
						.get("authorization_info")
						.get("authorizer_access_token")
						.asString();
					client.business("/cgi-bin/message/custom/send", token, Map.of("touser", openid, "msgtype", "text",
							"text", Map.of("content", code + "_from_api")));
				});
				return MessageReceiver.Answer.text("");
			}
			return MessageReceiver.Answer.text("success");
		};
	}

}

package io.atrium.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.atrium.crypto.AppIdMismatchException;
import io.atrium.crypto.WeChatMessageCrypto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Users' messages and events delivered to the message URL (encrypted, signed, retried on no answer), and the
 * customer-service messages the platform sends back within the 48-hour window.
 */
class MessageTests {

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
		receiver.respond((message) -> MessageReceiver.Answer.text("success"));
		client.reset();
		receiver.clear();
	}

	@Test
	void aTextMessageIsEncryptedSignedAndShapedLikeWeChats() {
		JsonNode answer = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "你好 <b>&"));

		assertThat(answer.get("acknowledged").asBoolean()).isTrue();
		assertThat(receiver.received()).hasSize(1);
		MessageReceiver.Received message = receiver.received().get(0);
		assertThat(message.appid()).isEqualTo(FULL);
		assertThat(message.contentType()).startsWith("text/xml");
		assertThat(message.query()).containsOnlyKeys("signature", "timestamp", "nonce", "openid", "encrypt_type",
				"msg_signature")
			.containsEntry("encrypt_type", "aes")
			.containsEntry("openid", answer.get("openid").asString());
		assertThat(message.urlSignatureOk()).isTrue();
		String gh = client.get("/sandbox/accounts/" + FULL).json().get("userName").asString();
		assertThat(message.body()).startsWith("<xml><ToUserName><![CDATA[" + gh + "]]></ToUserName><Encrypt>");
		// Opened with the component's crypto: the plaintext's tail is the component appid, not the account's.
		assertThat(message.plaintext()).matches("<xml><ToUserName><!\\[CDATA\\[" + gh
				+ "]]></ToUserName><FromUserName><!\\[CDATA\\[o[A-Za-z0-9_-]{27}]]></FromUserName><CreateTime>\\d{10}"
				+ "</CreateTime><MsgType><!\\[CDATA\\[text]]></MsgType><Content><!\\[CDATA\\[你好 <b>&]]></Content>"
				+ "<MsgId>\\d{17}</MsgId></xml>");
		assertThat(message.xml().get("FromUserName")).isEqualTo(answer.get("openid").asString());
		JsonNode attempt = answer.get("attempts").get(0);
		assertThat(attempt.get("target").asString()).isEqualTo("message");
		assertThat(attempt.get("appid").asString()).isEqualTo(FULL);
		assertThat(attempt.get("infoType").asString()).isEqualTo("text");
		assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
	}

	@Test
	void anEventCarriesEventAndEventKeyAndNoMsgId() {
		client.control("/sandbox/accounts/" + FULL + "/messages",
				Map.of("event", "CLICK", "eventKey", "MENU_1", "openid", "oUserOfTheTest00000000000000"));

		MessageReceiver.Received message = receiver.received().get(0);
		assertThat(message.xml().get("MsgType")).isEqualTo("event");
		assertThat(message.xml().get("Event")).isEqualTo("CLICK");
		assertThat(message.xml().get("EventKey")).isEqualTo("MENU_1");
		assertThat(message.xml().get("FromUserName")).isEqualTo("oUserOfTheTest00000000000000");
		assertThat(message.xml().get("MsgId")).isNull();
		assertThat(message.query().get("openid")).isEqualTo("oUserOfTheTest00000000000000");
	}

	@Test
	void aPassiveReplyIsOpenedWithTheComponentsKey() {
		receiver.respond((message) -> MessageReceiver.Answer.text(receiver.sealedTextReply(message, "收到")));

		JsonNode answer = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"));

		assertThat(answer.get("acknowledged").asBoolean()).isTrue();
		assertThat(answer.get("reply").asString()).contains("<Content><![CDATA[收到]]></Content>");
	}

	@Test
	void aReplyInPlainXmlOrWithABadSignatureIsNotAcknowledged() {
		receiver.respond((message) -> MessageReceiver.Answer
			.text("<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[plain]]></Content></xml>"));
		JsonNode plain = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"));
		receiver.respond((message) -> MessageReceiver.Answer
			.text(receiver.sealedTextReply(message, "x").replaceAll("<MsgSignature><!\\[CDATA\\[[0-9a-f]",
					"<MsgSignature><![CDATA[g")));
		JsonNode forged = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"));

		for (JsonNode answer : List.of(plain, forged)) {
			assertThat(answer.get("acknowledged").asBoolean()).isFalse();
			assertThat(answer.get("attempts")).hasSize(1);
			assertThat(answer.get("attempts").get(0).get("error").asString()).contains("component's key");
		}
	}

	@Test
	void anEmptyAnswerIsAnAcknowledgement() {
		receiver.respond((message) -> MessageReceiver.Answer.text(""));

		JsonNode answer = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"));

		assertThat(answer.get("acknowledged").asBoolean()).isTrue();
		assertThat(answer.get("reply").isNull()).isTrue();
	}

	@Test
	void aFailingReceiverGetsThreeAttemptsWithTheSameMessageSignedAfresh() {
		receiver.respond((message) -> new MessageReceiver.Answer(500, "handling failed", 0));

		JsonNode answer = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"));

		assertThat(answer.get("acknowledged").asBoolean()).isFalse();
		assertThat(answer.get("attempts")).hasSize(3);
		List<MessageReceiver.Received> attempts = receiver.received();
		assertThat(attempts).hasSize(3);
		assertThat(attempts).extracting(MessageReceiver.Received::plaintext).containsOnly(attempts.get(0).plaintext());
		assertThat(attempts).extracting((message) -> message.query().get("nonce")).doesNotHaveDuplicates();
		assertThat(client.get("/sandbox/pushes").json().get("pushes").valueStream()
			.map((push) -> push.get("attempt").asInt())).containsExactly(1, 2, 3);
	}

	@Test
	void aReceiverThatAnswersNothingWithinFiveSecondsGetsARetry() {
		receiver.respond((message) -> (receiver.received().size() == 1)
				? new MessageReceiver.Answer(200, "success", 6_000) : MessageReceiver.Answer.text("success"));

		JsonNode answer = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("event", "subscribe"));

		assertThat(answer.get("acknowledged").asBoolean()).isTrue();
		assertThat(answer.get("attempts")).hasSize(2);
		assertThat(answer.get("attempts").get(0).get("status").isNull()).isTrue();
		assertThat(answer.get("attempts").get(0).get("error").asString()).contains("no answer within 5 s");
		assertThat(answer.get("attempts").get(1).get("acknowledged").asBoolean()).isTrue();
		// The same event: a receiver deduplicates it by FromUserName and CreateTime.
		assertThat(receiver.received().get(1).plaintext()).isEqualTo(receiver.received().get(0).plaintext());
	}

	@Test
	void aClientErrorIsAnAnswerAndNotRetried() {
		receiver.respond((message) -> new MessageReceiver.Answer(403, "forged", 0));

		JsonNode answer = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"));

		assertThat(answer.get("attempts")).hasSize(1);
		assertThat(answer.get("acknowledged").asBoolean()).isFalse();
	}

	@Test
	void unknownAccountsAndBadBodiesAreRefused() {
		assertThat(client.post("/sandbox/accounts/wx0000000000000404/messages", Map.of("text", "hi")).status())
			.isEqualTo(404);
		assertThat(client.post("/sandbox/accounts/" + FULL + "/messages", Map.of()).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "a", "event", "b")).status())
			.isEqualTo(400);
		assertThat(receiver.received()).isEmpty();
	}

	@Test
	void withoutAMessageUrlNothingIsSent() {
		try (WeChatSandbox quiet = WeChatSandbox.start(SandboxSettings.defaults())) {
			SandboxClient other = new SandboxClient(quiet.baseUrl());
			assertThat(other.post("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi")).status())
				.isEqualTo(409);
			assertThat(other.post("/sandbox/release-test", "").status()).isEqualTo(409);
		}
	}

	@Test
	void customMessagesNeedTheUserToHaveWrittenWithin48Hours() {
		String token = client.authorizerToken(FULL);
		String openid = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("event", "subscribe"))
			.get("openid")
			.asString();
		Map<String, Object> message = Map.of("touser", openid, "msgtype", "text", "text", Map.of("content", "您好"));

		// An event opens no 48-hour window in the sandbox.
		assertError(client.business("/cgi-bin/message/custom/send", token, message), 45015);
		client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "在吗"));
		JsonNode sent = client.business("/cgi-bin/message/custom/send", token, message);
		assertThat(sent.get("errcode").asInt()).as(sent.toString()).isZero();
		client.advance(48 * 3600 - 1);
		// Tokens last 2 hours: a fresh one for the same authorization.
		String later = client.authorizerToken(FULL);
		assertThat(client.business("/cgi-bin/message/custom/send", later, message).get("errcode").asInt()).isZero();
		client.advance(1);
		assertError(client.business("/cgi-bin/message/custom/send", later, message), 45015);

		JsonNode list = client.get("/sandbox/accounts/" + FULL + "/custom-messages").json().get("messages");
		assertThat(list).hasSize(2);
		assertThat(list.get(0).get("touser").asString()).isEqualTo(openid);
		assertThat(list.get(0).get("content").asString()).isEqualTo("您好");
		JsonNode counters = client.get("/sandbox/counters").json().get("accounts").get(FULL)
			.get("/cgi-bin/message/custom/send");
		assertThat(counters.get("calls").asInt()).isEqualTo(4);
		assertThat(counters.get("ok").asInt()).isEqualTo(2);
		assertThat(counters.get("errors").get("45015").asInt()).isEqualTo(2);
	}

	@Test
	void customMessagesCheckTokenPermissionAndBody() {
		String created = client.control("/sandbox/accounts", Map.of("permissionSets", List.of(2, 7))).get("appid")
			.asString();
		String withoutSetOne = client.authorizerToken(created);
		String token = client.authorizerToken(FULL);
		String openid = client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"))
			.get("openid")
			.asString();

		assertError(client.business("/cgi-bin/message/custom/send", "nonsense",
				Map.of("touser", openid, "msgtype", "text", "text", Map.of("content", "x"))), 40001);
		assertError(client.business("/cgi-bin/message/custom/send", withoutSetOne,
				Map.of("touser", openid, "msgtype", "text", "text", Map.of("content", "x"))), 61007);
		assertError(client.business("/cgi-bin/message/custom/send", token,
				Map.of("msgtype", "text", "text", Map.of("content", "x"))), 40003);
		assertError(client.business("/cgi-bin/message/custom/send", token,
				Map.of("touser", openid, "msgtype", "image", "image", Map.of("media_id", "x"))), 40008);
		assertError(client.business("/cgi-bin/message/custom/send", token,
				Map.of("touser", openid, "msgtype", "text", "text", Map.of("content", ""))), 44004);
		assertError(client.business("/cgi-bin/message/custom/send", token, ""), 44002);
		assertThat(client.get("/sandbox/accounts/" + FULL + "/custom-messages").json().get("messages")).isEmpty();
	}

	@Test
	void theComponentAppIdIsInThePlaintextTail() {
		// Sealed for the component: a crypto expecting the account's own appid in the tail cannot open it.
		client.control("/sandbox/accounts/" + FULL + "/messages", Map.of("text", "hi"));
		MessageReceiver.Received message = receiver.received().get(0);
		WeChatMessageCrypto accountCrypto = new WeChatMessageCrypto(sandbox.settings().componentToken(),
				sandbox.settings().componentAesKey(), FULL);
		assertThatExceptionOfType(AppIdMismatchException.class)
			.isThrownBy(() -> accountCrypto.open(message.body(), message.query().get("timestamp"),
					message.query().get("nonce"), message.query().get("msg_signature")));
	}

}

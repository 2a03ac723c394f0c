package io.atrium.token;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.atrium.TokenServiceTestApplication;
import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.crypto.WeChatXml;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.testsupport.Ports;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.message.AccountMessageReceived;
import io.atrium.token.message.ReleaseTestLog;
import io.atrium.token.message.ReleaseTestStatus;
import io.atrium.token.message.ReleaseTestStatus.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts' message URL: genuine messages of held accounts are acknowledged and published once (WeChat's retries
 * too, across instances); forged, stale, replayed, tampered, misaddressed, oversized, DTD-carrying pushes and pushes
 * for accounts Atrium does not answer for are refused and change nothing; WeChat's 全网发布 test passes for every
 * group through the sandbox, without waiting for api_query_auth.
 */
@Tag(TestRedis.TAG)
class AccountMessagesIntegrationTests extends SandboxIntegrationTests {

	private static final SandboxSettings settings = sandbox.settings();

	private static final WeChatMessageCrypto crypto = new WeChatMessageCrypto(settings.componentToken(),
			settings.componentAesKey(), settings.componentAppId());

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final AtomicInteger sequence = new AtomicInteger();

	private static final String TEST_OFFICIAL_ACCOUNT = "wx570bc396a51b8ff8";

	private static final String QUERY_AUTH_API = "/cgi-bin/component/api_query_auth";

	/** A second instance on the same PostgreSQL and Redis, with the 全网发布 test switched off; started once. */
	private static ConfigurableApplicationContext second;

	private static int secondPort;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	ReleaseTestLog releaseTests;

	/** What this instance published, through the seam webhooks will use. */
	private final List<AccountMessageReceived> published = new CopyOnWriteArrayList<>();

	private final ApplicationListener<PayloadApplicationEvent<AccountMessageReceived>> listener = (
			event) -> this.published.add(event.getPayload());

	@BeforeEach
	void listen() {
		this.context.addApplicationListener(this.listener);
	}

	@AfterEach
	void stopListening() {
		this.context.removeApplicationListener(this.listener);
		control.clearFaults();
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void aUsersMessageIsAcknowledgedAndPublishedWithItsAccountAndTenant() {
		receiveTicket();
		String appId = onboardedAccount("留言小店", 1, 7);
		long tenantId = this.accounts().findById(appId).orElseThrow().tenantId();

		JsonNode delivery = control.post("/sandbox/accounts/" + appId + "/messages",
				JsonMapper.builder().build().createObjectNode().put("text", "请问几点开门?"));

		assertThat(delivery.get("acknowledged").asBoolean()).isTrue();
		assertThat(delivery.get("attempts")).hasSize(1);
		assertThat(delivery.get("attempts").get(0).get("responseBody").asString()).isEqualTo("success");
		assertThat(this.published).hasSize(1);
		AccountMessageReceived message = this.published.get(0);
		assertThat(message.appId()).isEqualTo(appId);
		assertThat(message.tenantId()).isEqualTo(tenantId);
		assertThat(message.msgType()).isEqualTo("text");
		assertThat(message.msgId()).matches("\\d+");
		assertThat(message.fromUserName()).isEqualTo(delivery.get("openid").asString());
		assertThat(message.fields().get("Content")).isEqualTo("请问几点开门?");
		assertThat(message.xml()).contains("<Content><![CDATA[请问几点开门?]]></Content>");
		assertThat(message.deliveryId()).matches("[0-9a-f]{32}");
		assertThat(message.toString()).doesNotContain("请问");
	}

	@Test
	void anEventIsPublishedWithItsName() {
		receiveTicket();
		String appId = onboardedAccount("关注小店", 1);

		JsonNode delivery = control.post("/sandbox/accounts/" + appId + "/messages",
				JsonMapper.builder().build().createObjectNode().put("event", "CLICK").put("eventKey", "MENU_1"));

		assertThat(delivery.get("acknowledged").asBoolean()).isTrue();
		assertThat(this.published).singleElement().satisfies((message) -> {
			assertThat(message.msgType()).isEqualTo("event");
			assertThat(message.event()).isEqualTo("CLICK");
			assertThat(message.msgId()).isNull();
			assertThat(message.fields().get("EventKey")).isEqualTo("MENU_1");
		});
	}

	@Test
	void wechatsRetryOnAnotherInstanceIsAcknowledgedAndNotPublishedAgain() {
		receiveTicket();
		String appId = onboardedAccount("重试小店", 1);
		List<AccountMessageReceived> publishedBySecond = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<AccountMessageReceived>> secondListener = (
				event) -> publishedBySecond.add(event.getPayload());
		secondInstance().addApplicationListener(secondListener);
		try {
			String text = text("oRetryUser", now(), "第一次", 24_000_000_000_000_001L);
			String event = event("oRetryUser", now(), "subscribe");

			// Each attempt signed afresh, as WeChat's retries are: only the message's identity repeats.
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(text)).body()).isEqualTo("success");
			assertThat(post(secondPort, appId, seal(text)).body()).isEqualTo("success");
			assertThat(post(secondPort, appId, seal(event)).body()).isEqualTo("success");
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(event)).body()).isEqualTo("success");
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(event)).body()).isEqualTo("success");

			assertThat(this.published).hasSize(1);
			assertThat(publishedBySecond).hasSize(1);
			assertThat(this.published.get(0).msgType()).isEqualTo("text");
			assertThat(publishedBySecond.get(0).msgType()).isEqualTo("event");
			// Another message of the same user in the same second is not a retry.
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(text("oRetryUser", now(), "第二次",
					24_000_000_000_000_002L))).body()).isEqualTo("success");
			assertThat(this.published).hasSize(2);
		}
		finally {
			secondInstance().removeApplicationListener(secondListener);
		}
	}

	@Test
	void theSandboxesRetryAfterAFailedListenerIsPublished() {
		receiveTicket();
		String appId = onboardedAccount("失败小店", 1);
		AtomicInteger failures = new AtomicInteger(1);
		ApplicationListener<PayloadApplicationEvent<AccountMessageReceived>> failing = (event) -> {
			if (failures.getAndDecrement() > 0) {
				throw new IllegalStateException("outbox unavailable");
			}
		};
		this.context.addApplicationListener(failing);
		try {
			JsonNode delivery = control.post("/sandbox/accounts/" + appId + "/messages",
					JsonMapper.builder().build().createObjectNode().put("text", "hi"));

			assertThat(delivery.get("attempts")).hasSize(2);
			assertThat(delivery.get("attempts").get(0).get("status").asInt()).isEqualTo(500);
			assertThat(delivery.get("attempts").get(1).get("responseBody").asString()).isEqualTo("success");
			// Seen by this test's listener on both attempts, kept by the failing one on the second only.
			assertThat(this.published).hasSize(2);
			assertThat(this.published.get(0).deliveryId()).isEqualTo(this.published.get(1).deliveryId());
		}
		finally {
			this.context.removeApplicationListener(failing);
		}
	}

	@Test
	void forgedStaleTamperedAndMisaddressedPushesAreRefusedAndStoreNothing() {
		receiveTicket();
		String appId = onboardedAccount("伪造小店", 1);
		Set<String> keysBefore = keys();
		String text = text("oForger", now(), "hi", 24_000_000_000_000_100L);
		Signed genuine = seal(text);

		// msg_signature that does not match
		assertThat(post(TestSandbox.ATRIUM_PORT, appId,
				new Signed(genuine.query().replace("msg_signature=", "msg_signature=0"), genuine.body())).statusCode())
			.isEqualTo(403);
		// stale and future timestamps (the future one well past the 300 s window: on a loaded machine the push can
		// reach Atrium seconds after its timestamp was taken, which once brought +301 s back inside it)
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(crypto, text, now() - 301)).statusCode()).isEqualTo(403);
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(crypto, text, now() + 330)).statusCode()).isEqualTo(403);
		// ciphertext changed, signature left: refused before decrypting
		String tampered = flipByte(genuine.encrypted(), -20);
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, new Signed(genuine.query(),
				genuine.body().replace(genuine.encrypted(), tampered), tampered)).statusCode()).isEqualTo(403);
		// changed by someone who has the Token but not the key: the signature matches; the tail (appid and pad)
		// no longer decrypts
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, resigned(tampered)).statusCode()).isEqualTo(403);
		// ... or the message itself is garbled: not XML any more
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, resigned(flipByte(genuine.encrypted(), 7))).statusCode())
			.isEqualTo(400);
		// sealed with the component's key but for another appid in the tail
		WeChatMessageCrypto otherTail = new WeChatMessageCrypto(settings.componentToken(), settings.componentAesKey(),
				appId);
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(otherTail, text, now())).statusCode()).isEqualTo(403);
		// a key that is not the component's
		WeChatMessageCrypto otherKey = new WeChatMessageCrypto(settings.componentToken(), "B".repeat(43),
				settings.componentAppId());
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(otherKey, text, now())).statusCode()).isEqualTo(403);

		assertThat(this.published).isEmpty();
		assertThat(keys()).isEqualTo(keysBefore);
		// The genuine push still goes through: nothing above burned its nonce.
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, genuine).statusCode()).isEqualTo(200);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void aReplayedPushIsRefusedAndNotPublishedAgain() {
		receiveTicket();
		String appId = onboardedAccount("重放小店", 1);
		Signed push = seal(text("oReplay", now(), "hi", 24_000_000_000_000_200L));
		assertThat(post(TestSandbox.ATRIUM_PORT, appId, push).body()).isEqualTo("success");

		HttpResponse<String> replayed = post(TestSandbox.ATRIUM_PORT, appId, push);

		assertThat(replayed.statusCode()).isEqualTo(409);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void pushesForAccountsAtriumDoesNotAnswerForAreRefusedBeforeAnythingIsStored() {
		receiveTicket();
		String revoked = onboardedAccount("已取消", 1);
		control.revoke(revoked);
		Set<String> keysBefore = keys();
		String text = text("oStranger", now(), "hi", 24_000_000_000_000_300L);

		for (String appId : List.of("wx00000000000000ff", revoked, "not-an-appid")) {
			HttpResponse<String> response = post(TestSandbox.ATRIUM_PORT, appId, seal(text));
			assertThat(response.statusCode()).as(appId).isEqualTo(404);
		}
		// A forgery for an unknown account learns nothing about which accounts Atrium holds: 403 first.
		Signed forged = seal(text);
		assertThat(post(TestSandbox.ATRIUM_PORT, "wx00000000000000ff",
				new Signed(forged.query().replace("msg_signature=", "msg_signature=0"), forged.body())).statusCode())
			.isEqualTo(403);
		assertThat(this.published).isEmpty();
		assertThat(keys()).isEqualTo(keysBefore);
	}

	@Test
	void oversizedMalformedAndDtdCarryingPushesAreRefused() throws Exception {
		receiveTicket();
		String appId = onboardedAccount("XXE小店", 1);
		Set<String> keysBefore = keys();
		AtomicInteger fetched = new AtomicInteger();
		HttpServer entityServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		entityServer.createContext("/", (exchange) -> {
			fetched.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		entityServer.start();
		try {
			String entity = "http://127.0.0.1:" + entityServer.getAddress().getPort() + "/xxe";
			String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + entity + "\">]>"
					+ text("oXxe", now(), "&xxe;", 24_000_000_000_000_400L).replace("<![CDATA[&xxe;]]>", "&xxe;");
			Signed genuine = seal(text("oXxe", now(), "hi", 24_000_000_000_000_401L));
			String envelope = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + entity
					+ "\">]><xml><ToUserName>&xxe;</ToUserName><Encrypt>x</Encrypt></xml>";

			assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal(xxe)).statusCode()).isEqualTo(400);
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, new Signed(genuine.query(), envelope)).statusCode())
				.isEqualTo(400);
			assertThat(fetched).hasValue(0);
			// Over 64 KiB, with a Content-Length and chunked.
			String padded = genuine.body().replace("</xml>", "<Pad>" + "x".repeat(64 * 1024) + "</Pad></xml>");
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, new Signed(genuine.query(), padded)).statusCode())
				.isEqualTo(413);
			HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(url(TestSandbox.ATRIUM_PORT, appId,
					genuine.query()))
				.header("Content-Type", "text/xml")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded.getBytes())))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(chunked.statusCode()).isEqualTo(413);
			// Well-formed but not a message.
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, seal("<xml><ToUserName>gh_x</ToUserName></xml>"))
				.statusCode()).isEqualTo(400);
			assertThat(post(TestSandbox.ATRIUM_PORT, appId, new Signed(genuine.query(), "not xml")).statusCode())
				.isEqualTo(400);
			assertThat(this.published).isEmpty();
			assertThat(keys()).isEqualTo(keysBefore);
		}
		finally {
			entityServer.stop(0);
		}
	}

	@Test
	void theReleaseTestPassesForEveryGroupThroughTheSandbox() {
		receiveTicket();

		JsonNode report = control.post("/sandbox/release-test", JsonMapper.builder().build().createObjectNode());

		assertThat(report.get("passed").asBoolean()).as(report.toString()).isTrue();
		assertThat(report.get("accounts")).hasSize(10);
		// Nothing was taken into custody, nothing published: the test accounts are WeChat's.
		assertThat(this.accounts().findAll()).isEmpty();
		assertThat(this.published).isEmpty();
		// The last customer-service message may be recorded a moment after the sandbox received it.
		awaitStep("query_auth_code", Outcome.SENT);
		ReleaseTestStatus status = this.releaseTests.status();
		assertThat(status.enabled()).isTrue();
		assertThat(status.lastSeenAt()).isNotNull();
		assertThat(status.steps()).extracting(ReleaseTestStatus.Step::name)
			.containsExactly("text", "query_auth_code", "event");
		assertThat(status.steps()).extracting(ReleaseTestStatus.Step::outcome)
			.containsExactly(Outcome.REPLIED, Outcome.SENT, Outcome.REPLIED);
		// Reconcile does not call WeChat's test accounts unknown to Atrium.
		assertThat(this.reconciler().reconcileAll().unknownToAtrium()).isEmpty();
	}

	@Test
	void theAnswerToQueryAuthCodeDoesNotWaitForASlowApiQueryAuth() throws Exception {
		receiveTicket();
		this.componentTokens.get();
		// Slower than the answer could ever be, yet inside Atrium's read timeout, so the query still succeeds.
		control.delay(QUERY_AUTH_API, 1_500, 1);
		long started = System.nanoTime();

		HttpResponse<String> answer = post(TestSandbox.ATRIUM_PORT, TEST_OFFICIAL_ACCOUNT,
				seal(text("oReleaseTester", now(), "QUERY_AUTH_CODE:queryauthcode@@@not-issued",
						24_000_000_000_000_500L)));

		long millis = (System.nanoTime() - started) / 1_000_000;
		// Answered while the sandbox still held api_query_auth (it counts a call once it is over).
		int queriesDoneWhenAnswered = control.calls(QUERY_AUTH_API);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEmpty();
		assertThat(queriesDoneWhenAnswered).isZero();
		assertThat(millis).as("WeChat's budget").isLessThan(5_000);
		// Then the query ran, and its outcome (WeChat refused a code it never issued) is on record.
		ReleaseTestStatus.Step step = awaitStep("query_auth_code", Outcome.FAILED);
		assertThat(step.detail()).isEqualTo(QUERY_AUTH_API + " errcode 61009");
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
	}

	@Test
	void theReleaseTestStillPassesWhenApiQueryAuthIsSlow() {
		receiveTicket();
		control.delay(QUERY_AUTH_API, 1_500, 2);

		JsonNode report = control.post("/sandbox/release-test",
				JsonMapper.builder().build().createObjectNode().put("group", 4));

		assertThat(report.get("passed").asBoolean()).as(report.toString()).isTrue();
		for (JsonNode account : report.get("accounts")) {
			assertThat(account.get("steps").valueStream().map((step) -> step.get("attempts").asInt())).containsOnly(1);
		}
	}

	@Test
	void wechatsRetryOfATestMessageGetsTheSameReplyAndNoSecondQuery() {
		receiveTicket();
		String text = text("oReleaseTester", now(), "TESTCOMPONENT_MSG_TYPE_TEXT", 24_000_000_000_000_600L);
		String query = text("oReleaseTester", now(), "QUERY_AUTH_CODE:queryauthcode@@@not-issued",
				24_000_000_000_000_601L);

		String first = replyContent(post(TestSandbox.ATRIUM_PORT, TEST_OFFICIAL_ACCOUNT, seal(text)).body());
		String retried = replyContent(post(TestSandbox.ATRIUM_PORT, TEST_OFFICIAL_ACCOUNT, seal(text)).body());
		post(TestSandbox.ATRIUM_PORT, TEST_OFFICIAL_ACCOUNT, seal(query));
		awaitStep("query_auth_code", Outcome.FAILED);
		assertThat(post(TestSandbox.ATRIUM_PORT, TEST_OFFICIAL_ACCOUNT, seal(query)).body()).isEmpty();

		assertThat(first).isEqualTo("TESTCOMPONENT_MSG_TYPE_TEXT_callback");
		assertThat(retried).isEqualTo(first);
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
	}

	@Test
	void withTheReleaseTestSwitchedOffItsAccountsGetAPlainSuccess() {
		receiveTicket();
		secondInstance();
		String event = event("oReleaseTester", now(), "subscribe");

		HttpResponse<String> answer = post(secondPort, TEST_OFFICIAL_ACCOUNT, seal(event));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("success");
		assertThat(second.getBean(ReleaseTestLog.class).status().enabled()).isFalse();
		assertThat(this.releaseTests.status().lastSeenAt()).isNull();
		// Switched off or not, a push must still prove itself.
		Signed forged = seal(event("oReleaseTester", now(), "CLICK"));
		assertThat(post(secondPort, TEST_OFFICIAL_ACCOUNT,
				new Signed(forged.query().replace("msg_signature=", "msg_signature=0"), forged.body())).statusCode())
			.isEqualTo(403);
	}

	@Test
	void wechatsUrlCheckIsAnsweredWithTheEchostrOnlyWhenSigned() throws Exception {
		String timestamp = String.valueOf(now());
		String nonce = "12345";
		String signature = crypto.urlSignature(timestamp, nonce);
		String path = "http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + "/wechat/accounts/" + TEST_OFFICIAL_ACCOUNT
				+ "/messages?";

		HttpResponse<String> ok = get(path + "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce
				+ "&echostr=4242424242");
		// The first digit changed, never to itself (a fixed "0" was the real signature one time in sixteen).
		HttpResponse<String> forged = get(path + "signature=" + ComponentCallbackIntegrationTests.flip(signature)
				+ "&timestamp=" + timestamp + "&nonce=" + nonce + "&echostr=4242424242");
		String stale = String.valueOf(now() - 301);
		HttpResponse<String> late = get(path + "signature=" + crypto.urlSignature(stale, nonce) + "&timestamp=" + stale
				+ "&nonce=" + nonce + "&echostr=4242424242");
		HttpResponse<String> markup = get(path + "signature=" + signature + "&timestamp=" + timestamp + "&nonce="
				+ nonce + "&echostr=%3Cscript%3E");

		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("4242424242");
		assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(late.statusCode()).isEqualTo(403);
		assertThat(markup.statusCode()).isEqualTo(400);
		assertThat(markup.body()).doesNotContain("<script>");
	}

	private ReleaseTestStatus.Step awaitStep(String name, Outcome outcome) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			ReleaseTestStatus.Step step = this.releaseTests.status()
				.steps()
				.stream()
				.filter((candidate) -> candidate.name().equals(name))
				.findFirst()
				.orElseThrow();
			if (step.outcome() == outcome) {
				return step;
			}
			assertThat(System.nanoTime()).as("%s reached %s (is %s)", name, outcome, step.outcome())
				.isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static synchronized ConfigurableApplicationContext secondInstance() {
		if (second == null) {
			secondPort = Ports.free();
			Map<String, Object> properties = new java.util.LinkedHashMap<>(applicationProperties(secondPort));
			properties.put("atrium.wechat.release-test.enabled", "false");
			second = new SpringApplicationBuilder(TokenServiceTestApplication.class).properties(properties).run();
		}
		return second;
	}

	private io.atrium.account.OfficialAccountRepository accounts() {
		return this.context.getBean(io.atrium.account.OfficialAccountRepository.class);
	}

	private io.atrium.token.reconcile.AuthorizerReconciler reconciler() {
		return this.context.getBean(io.atrium.token.reconcile.AuthorizerReconciler.class);
	}

	/** Every key of this test class's Redis prefix. */
	private Set<String> keys() {
		Set<String> keys = this.redis.keys(redisKeys.keyPrefix() + "*");
		return (keys != null) ? keys.stream().collect(Collectors.toSet()) : Set.of();
	}

	/** The ciphertext with one byte changed (CBC: the next block's plaintext changes the same way). */
	private static String flipByte(String encrypted, int index) {
		byte[] bytes = java.util.Base64.getDecoder().decode(encrypted);
		bytes[(index >= 0) ? index : bytes.length + index] ^= 0x01;
		return java.util.Base64.getEncoder().encodeToString(bytes);
	}

	private static String replyContent(String sealedReply) {
		WeChatXml envelope = WeChatXml.parse(sealedReply);
		return WeChatXml.parse(crypto.open(sealedReply, envelope.require("TimeStamp"), envelope.require("Nonce"),
				envelope.require("MsgSignature"))).get("Content");
	}

	private static String text(String openid, long createTime, String content, long msgId) {
		return "<xml><ToUserName><![CDATA[gh_3c884a361561]]></ToUserName><FromUserName><![CDATA[" + openid
				+ "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
				+ "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
	}

	private static String event(String openid, long createTime, String event) {
		return "<xml><ToUserName><![CDATA[gh_3c884a361561]]></ToUserName><FromUserName><![CDATA[" + openid
				+ "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
				+ "<Event><![CDATA[" + event + "]]></Event></xml>";
	}

	private static long now() {
		return sandbox.clock().instant().getEpochSecond();
	}

	/** A push as WeChat signs it, a fresh nonce each time. */
	private static Signed seal(String plaintext) {
		return seal(crypto, plaintext, now());
	}

	private static Signed seal(WeChatMessageCrypto sealer, String plaintext, long timestamp) {
		return signed(sealer.encrypt(plaintext), String.valueOf(timestamp));
	}

	/** An {@code Encrypt} value signed with the component's Token, whatever it holds. */
	private static Signed resigned(String encrypted) {
		return signed(encrypted, String.valueOf(now()));
	}

	private static Signed signed(String encrypted, String timestamp) {
		String nonce = String.valueOf(1_000_000 + sequence.incrementAndGet());
		String body = "<xml><ToUserName><![CDATA[gh_3c884a361561]]></ToUserName><Encrypt><![CDATA[" + encrypted
				+ "]]></Encrypt></xml>";
		String query = "signature=" + crypto.urlSignature(timestamp, nonce) + "&timestamp=" + timestamp + "&nonce="
				+ nonce + "&openid=oTest&encrypt_type=aes&msg_signature="
				+ crypto.msgSignature(timestamp, nonce, encrypted);
		return new Signed(query, body, encrypted);
	}

	private static URI url(int port, String appId, String query) {
		return URI.create("http://127.0.0.1:" + port + "/wechat/accounts/" + appId + "/messages?" + query);
	}

	private static HttpResponse<String> post(int port, String appId, Signed push) {
		try {
			return http.send(HttpRequest.newBuilder(url(port, appId, push.query()))
				.header("Content-Type", "text/xml")
				.POST(HttpRequest.BodyPublishers.ofString(push.body()))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private record Signed(String query, String body, String encrypted) {

		Signed(String query, String body) {
			this(query, body, null);
		}

	}

}

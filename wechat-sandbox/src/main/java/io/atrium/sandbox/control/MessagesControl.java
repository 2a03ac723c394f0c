package io.atrium.sandbox.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.message.CustomMessages;
import io.atrium.sandbox.message.Delivery;
import io.atrium.sandbox.message.UserMessages;
import io.atrium.sandbox.release.ReleaseTest;
import io.atrium.sandbox.release.ReleaseTestAccounts;
import io.atrium.sandbox.release.TestAccount;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.atrium.sandbox.control.ControlJson.ok;
import static io.atrium.sandbox.control.ControlJson.orDefault;
import static io.atrium.sandbox.control.ControlJson.pushJson;

/**
 * Users' side of the message URL: {@code POST /sandbox/accounts/{appid}/messages} (a user writes or causes an
 * event, delivered as WeChat delivers it), {@code GET /sandbox/accounts/{appid}/custom-messages} (what the platform
 * sent back through {@code message/custom/send}), and the 全网发布 test: {@code POST /sandbox/release-test},
 * {@code GET /sandbox/release-test/accounts}.
 */
final class MessagesControl {

	private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

	private final MerchantAccounts accounts;

	private final UserMessages messages;

	private final CustomMessages customMessages;

	private final ReleaseTest releaseTest;

	MessagesControl(MerchantAccounts accounts, UserMessages messages, CustomMessages customMessages,
			ReleaseTest releaseTest) {
		this.accounts = accounts;
		this.messages = messages;
		this.customMessages = customMessages;
		this.releaseTest = releaseTest;
	}

	void register(Router router) {
		router.add("POST", "/sandbox/accounts/{appid}/messages", this::send);
		router.add("GET", "/sandbox/accounts/{appid}/custom-messages", this::customMessages);
		router.add("POST", "/sandbox/release-test", this::runReleaseTest);
		router.add("GET", "/sandbox/release-test/accounts", this::releaseTestAccounts);
	}

	/** {@code {"text": "..."}} or {@code {"event": "subscribe", "eventKey": "..."}}; {@code openid} optional. */
	private Reply send(Request request) {
		Recipient recipient = recipient(request.pathParam("appid"));
		ControlBody body = ControlBody.of(request);
		String text = body.string("text");
		String event = body.string("event");
		if ((text == null) == (event == null)) {
			throw ControlException.badRequest("give either text or event");
		}
		if (text != null && text.isEmpty() || event != null && event.isBlank()) {
			throw ControlException.badRequest("text and event must not be empty");
		}
		requireMessageUrl();
		String openid = orDefault(body.string("openid"), recipient.openid());
		Delivery delivery = (text != null) ? this.messages.text(recipient.appid(), recipient.userName(), openid, text)
				: this.messages.event(recipient.appid(), recipient.userName(), openid, event, body.string("eventKey"));
		ObjectNode answer = Json.object();
		answer.put("appid", recipient.appid());
		answer.put("openid", openid);
		answer.put("msgType", (text != null) ? "text" : "event");
		answer.put("acknowledged", delivery.acknowledged());
		answer.put("reply", delivery.reply().orElse(null));
		ArrayNode attempts = answer.putArray("attempts");
		delivery.attempts().forEach((attempt) -> attempts.add(pushJson(attempt)));
		return ok(answer);
	}

	private Reply customMessages(Request request) {
		Recipient recipient = recipient(request.pathParam("appid"));
		ObjectNode answer = Json.object();
		ArrayNode list = answer.putArray("messages");
		this.customMessages.list(recipient.appid()).forEach((sent) -> list.addObject()
			.put("touser", sent.touser())
			.put("msgtype", sent.msgtype())
			.put("content", sent.content())
			.put("sentAt", sent.sentAt()));
		return ok(answer);
	}

	/** {@code {"group": 1..5}} (absent: all five), {@code {"waitSeconds": 1..60}} (default 10). */
	private Reply runReleaseTest(Request request) throws InterruptedException {
		ControlBody body = ControlBody.of(request);
		Integer group = body.integer("group");
		if (group != null && (group < 1 || group > ReleaseTestAccounts.GROUPS)) {
			throw ControlException.badRequest("group must be 1 to " + ReleaseTestAccounts.GROUPS);
		}
		int waitSeconds = orDefault(body.integer("waitSeconds"), (int) DEFAULT_WAIT.toSeconds());
		if (waitSeconds < 1 || waitSeconds > 60) {
			throw ControlException.badRequest("waitSeconds must be 1 to 60");
		}
		requireMessageUrl();
		ReleaseTest.Report report = this.releaseTest.run(group, Duration.ofSeconds(waitSeconds));
		ObjectNode answer = Json.object();
		answer.put("passed", report.passed());
		answer.put("group", report.group());
		ArrayNode accounts = answer.putArray("accounts");
		for (ReleaseTest.AccountResult result : report.accounts()) {
			ObjectNode account = accounts.addObject();
			account.put("group", result.account().group());
			account.put("appid", result.account().appid());
			account.put("kind", result.account().kind().wire());
			account.put("passed", result.passed());
			ArrayNode steps = account.putArray("steps");
			result.steps().forEach((step) -> steps.addObject()
				.put("step", step.step())
				.put("passed", step.passed())
				.put("detail", step.detail())
				.put("attempts", step.attempts())
				.put("millis", step.millis()));
		}
		return ok(answer);
	}

	private Reply releaseTestAccounts(Request request) {
		ObjectNode answer = Json.object();
		ArrayNode list = answer.putArray("accounts");
		ReleaseTestAccounts.all().forEach((account) -> list.addObject()
			.put("group", account.group())
			.put("appid", account.appid())
			.put("kind", account.kind().wire())
			.put("userName", account.userName())
			.put("openid", account.openid()));
		return ok(answer);
	}

	private void requireMessageUrl() {
		if (!this.messages.enabled()) {
			throw new ControlException(409, "no message URL is configured (--message-url)");
		}
	}

	/** A merchant account or a 全网发布 test account; 404 for anything else. */
	private Recipient recipient(String appid) {
		Optional<MerchantAccount> merchant = this.accounts.find(appid);
		if (merchant.isPresent()) {
			return new Recipient(appid, merchant.get().userName(), defaultOpenid(appid));
		}
		TestAccount test = ReleaseTestAccounts.find(appid)
			.orElseThrow(() -> ControlException.notFound("no account " + appid));
		return new Recipient(appid, test.userName(), test.openid());
	}

	/** A user of this account, the same one every time: WeChat's openids are per account, 28 characters. */
	private static String defaultOpenid(String appid) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("user:" + appid).getBytes(StandardCharsets.UTF_8));
			return "o" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Recipient(String appid, String userName, String openid) {
	}

}

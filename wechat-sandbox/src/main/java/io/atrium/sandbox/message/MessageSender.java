package io.atrium.sandbox.message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.atrium.crypto.MessageCryptoException;
import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.crypto.WeChatXml;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.push.PushLog;
import io.atrium.sandbox.push.PushRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a user's message or event to an account's message URL the way WeChat does (protocol reference §3.2,
 * §4): sealed with the component's Token, EncodingAESKey and appid (the component's appid in the plaintext's tail),
 * envelope {@code <xml><ToUserName>gh_…</ToUserName><Encrypt>…</Encrypt></xml>}, POSTed as {@code text/xml} with
 * {@code signature, timestamp, nonce, openid, encrypt_type=aes, msg_signature} in the query string. WeChat waits
 * 5 seconds for an answer and tries again when none comes, 3 attempts in all; the sandbox also tries again after
 * an HTTP 5xx (the receiver said it could not handle the message). Each attempt is signed afresh (its own
 * timestamp and nonce: whether WeChat's retries repeat the first attempt's is not documented) and carries the same
 * plaintext, so the receiver tells a retry by its {@code MsgId} (messages) or {@code FromUserName} and
 * {@code CreateTime} (events). Every attempt goes into the push log. Runs on the caller's thread.
 */
public final class MessageSender {

	private static final Logger logger = LoggerFactory.getLogger(MessageSender.class);

	/** WeChat's wait for an answer. */
	public static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** WeChat's attempts per message: the first and two retries. */
	public static final int ATTEMPTS = 3;

	private final SandboxSettings settings;

	private final WeChatMessageCrypto crypto;

	private final PushLog log;

	private final Clock clock;

	private final HttpClient client;

	public MessageSender(SandboxSettings settings, WeChatMessageCrypto crypto, PushLog log, Clock clock) {
		this.settings = settings;
		this.crypto = crypto;
		this.log = log;
		this.clock = clock;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	/** Whether a message URL is configured; without one nothing is delivered. */
	public boolean enabled() {
		return this.settings.messageUrl() != null;
	}

	/**
	 * Delivers a plaintext, retrying as WeChat does, and returns once the last attempt is over.
	 * @param toUserName the account's original id ({@code gh_…}), the envelope's {@code ToUserName}
	 * @param msgType the plaintext's {@code MsgType}, for the push log
	 */
	public Delivery deliver(String appid, String toUserName, String openid, String msgType, long createTime,
			String plaintext) {
		List<PushRecord> attempts = new ArrayList<>();
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			PushRecord record = attempt(appid, toUserName, openid, msgType, createTime, plaintext, attempt);
			this.log.add(record);
			attempts.add(record);
			if (record.status() != null && record.status() < 500) {
				// An answer, whatever it says: WeChat tries again only when none came (or the receiver failed).
				break;
			}
		}
		return new Delivery(appid, plaintext, attempts);
	}

	private PushRecord attempt(String appid, String toUserName, String openid, String msgType, long createTime,
			String plaintext, int attempt) {
		long id = this.log.nextId();
		String url = this.settings.messageUrlFor(appid);
		try {
			String timestamp = String.valueOf(this.clock.millis() / 1000);
			String nonce = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 10_000_000_000L));
			String encrypted = this.crypto.encrypt(plaintext);
			String body = "<xml><ToUserName><![CDATA[" + MessageXml.cdata(toUserName)
					+ "]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
			url = url + (url.contains("?") ? "&" : "?") + "signature=" + this.crypto.urlSignature(timestamp, nonce)
					+ "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=" + openid
					+ "&encrypt_type=aes&msg_signature=" + this.crypto.msgSignature(timestamp, nonce, encrypted);
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(TIMEOUT)
				.header("Content-Type", "text/xml")
				.header("User-Agent", "Mozilla/4.0")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
			HttpResponse<String> response = this.client.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return answered(id, appid, msgType, createTime, url, plaintext, attempt, response);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(id, appid, msgType, createTime, url, plaintext, attempt, "interrupted");
		}
		catch (HttpTimeoutException ex) {
			logger.warn("Message #{} for {} (attempt {}) got no answer within {} s", id, appid, attempt,
					TIMEOUT.toSeconds());
			return failed(id, appid, msgType, createTime, url, plaintext, attempt,
					"no answer within " + TIMEOUT.toSeconds() + " s");
		}
		catch (Exception ex) {
			logger.warn("Message #{} for {} (attempt {}) failed: {}", id, appid, attempt, ex.toString());
			return failed(id, appid, msgType, createTime, url, plaintext, attempt, ex.toString());
		}
	}

	/**
	 * WeChat accepts {@code success}, an empty body, or a passive reply sealed with the component's key (security
	 * mode is mandatory for third-party platforms, so a reply in plain XML is not one).
	 */
	private PushRecord answered(long id, String appid, String msgType, long createTime, String url, String plaintext,
			int attempt, HttpResponse<String> response) {
		String body = response.body();
		String shown = (body.length() > 1_000) ? body.substring(0, 1_000) : body;
		if (response.statusCode() != 200) {
			logger.warn("Message #{} for {} (attempt {}) answered HTTP {}", id, appid, attempt, response.statusCode());
			return record(id, appid, msgType, createTime, url, response.statusCode(), shown, null, false, plaintext,
					attempt, null);
		}
		String trimmed = body.trim();
		if (trimmed.isEmpty() || "success".equals(trimmed)) {
			return record(id, appid, msgType, createTime, url, 200, shown, null, true, plaintext, attempt, null);
		}
		try {
			WeChatXml envelope = WeChatXml.parse(trimmed);
			String reply = this.crypto.open(trimmed, envelope.require("TimeStamp").strip(),
					envelope.require("Nonce").strip(), envelope.require("MsgSignature").strip());
			return record(id, appid, msgType, createTime, url, 200, shown, null, true, plaintext, attempt, reply);
		}
		catch (MessageCryptoException ex) {
			logger.warn("Message #{} for {} (attempt {}) answered a reply WeChat cannot open: {}", id, appid, attempt,
					ex.getMessage());
			return record(id, appid, msgType, createTime, url, 200, shown,
					"reply is not a passive reply sealed with the component's key", false, plaintext, attempt, null);
		}
	}

	private PushRecord failed(long id, String appid, String msgType, long createTime, String url, String plaintext,
			int attempt, String error) {
		return record(id, appid, msgType, createTime, url, null, null, error, false, plaintext, attempt, null);
	}

	private static PushRecord record(long id, String appid, String msgType, long createTime, String url,
			Integer status, String body, String error, boolean acknowledged, String plaintext, int attempt,
			String reply) {
		return new PushRecord(id, msgType, createTime, url, status, body, error, acknowledged, plaintext,
				PushRecord.MESSAGE, appid, attempt, reply);
	}

}

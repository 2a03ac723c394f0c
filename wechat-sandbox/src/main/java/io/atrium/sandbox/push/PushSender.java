package io.atrium.sandbox.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.atrium.crypto.EncryptedPush;
import io.atrium.crypto.WeChatMessageCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pushes to the auth-event URL the way WeChat does: sealed with the component's Token, EncodingAESKey and
 * appid, POSTed as {@code text/xml} with {@code signature, timestamp, nonce, encrypt_type, msg_signature} in the
 * query string; the receiver should answer {@code success}. One sender thread keeps pushes in order; callers wait
 * until the attempt is over, so that they can answer (and tests assert) after it. A failing receiver is logged and
 * recorded, never an error of the sandbox.
 */
public final class PushSender implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PushSender.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final String callbackUrl;

	private final WeChatMessageCrypto crypto;

	private final PushLog log;

	private final HttpClient client;

	private final ExecutorService sender;

	public PushSender(String callbackUrl, WeChatMessageCrypto crypto, PushLog log) {
		this.callbackUrl = callbackUrl;
		this.crypto = crypto;
		this.log = log;
		this.sender = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "sandbox-push");
			thread.setDaemon(true);
			return thread;
		});
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	/** Whether a callback URL is configured; without one nothing is pushed. */
	public boolean enabled() {
		return this.callbackUrl != null;
	}

	/**
	 * Pushes a plaintext message and waits until the attempt is over.
	 * @return the attempt as logged, empty when no callback URL is configured
	 */
	public Optional<PushRecord> send(String infoType, long createTime, String plaintext) {
		return enqueue(infoType, createTime, plaintext).await();
	}

	/**
	 * Queues a push without waiting for it: pushes go out in the order they were queued, so a caller that queues
	 * while holding a lock over the state change fixes the order, and can wait for the attempt after letting go.
	 */
	public Pending enqueue(String infoType, long createTime, String plaintext) {
		if (!enabled()) {
			return new Pending(infoType, null);
		}
		try {
			return new Pending(infoType, this.sender.submit(() -> deliver(infoType, createTime, plaintext)));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Push of {} not sent: the sandbox is stopping", infoType);
			return new Pending(infoType, null);
		}
	}

	/** A queued push; {@link #await()} waits until its attempt is over. */
	public static final class Pending {

		private final String infoType;

		private final Future<PushRecord> attempt;

		private Pending(String infoType, Future<PushRecord> attempt) {
			this.infoType = infoType;
			this.attempt = attempt;
		}

		/** The attempt as logged; empty when nothing was pushed (no callback URL) or it did not finish. */
		public Optional<PushRecord> await() {
			if (this.attempt == null) {
				return Optional.empty();
			}
			try {
				return Optional.of(this.attempt.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Push of {} did not finish: {}", this.infoType, ex.toString());
				return Optional.empty();
			}
		}

	}

	private PushRecord deliver(String infoType, long createTime, String plaintext) {
		long id = this.log.nextId();
		String url = this.callbackUrl;
		PushRecord record;
		try {
			// WeChat's query timestamp is the message's CreateTime.
			String timestamp = String.valueOf(createTime);
			String nonce = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 10_000_000_000L));
			EncryptedPush push = this.crypto.seal(plaintext, timestamp, nonce);
			url = this.callbackUrl + (this.callbackUrl.contains("?") ? "&" : "?") + push.queryString();
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(TIMEOUT)
				.header("Content-Type", "text/xml")
				.header("User-Agent", "Mozilla/4.0")
				.POST(HttpRequest.BodyPublishers.ofString(push.body(), StandardCharsets.UTF_8))
				.build();
			HttpResponse<String> response = this.client.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			String body = response.body();
			boolean acknowledged = response.statusCode() == 200 && "success".equals(body.trim());
			record = new PushRecord(id, infoType, createTime, url, response.statusCode(),
					(body.length() > 1_000) ? body.substring(0, 1_000) : body, null, acknowledged, plaintext);
			if (acknowledged) {
				logger.debug("Push #{} {} acknowledged", id, infoType);
			}
			else {
				logger.warn("Push #{} {} answered HTTP {} without 'success'", id, infoType, response.statusCode());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			record = new PushRecord(id, infoType, createTime, url, null, null, "interrupted", false, plaintext);
		}
		catch (Exception ex) {
			logger.warn("Push #{} {} failed: {}", id, infoType, ex.toString());
			record = new PushRecord(id, infoType, createTime, url, null, null, ex.toString(), false, plaintext);
		}
		this.log.add(record);
		return record;
	}

	@Override
	public void close() {
		this.sender.shutdownNow();
	}

}

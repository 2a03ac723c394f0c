package io.atrium.token.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.atrium.outbound.AddressPolicy;
import io.atrium.outbound.CheckedDnsResolver;
import io.atrium.outbound.CheckedDnsResolver.ForbiddenAddressException;
import io.atrium.outbound.HostResolver;
import io.atrium.outbound.PooledHttpClients;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Posts a signed delivery to a receiver. Apache HttpClient rather than the JDK's: its resolver can be replaced,
 * and {@link CheckedDnsResolver} (the image proxy's) checks every address a connection would go to, so a URL that
 * passed the check when it was configured cannot be pointed at the platform's network later by changing its DNS.
 * No redirects (a 3xx is a failed attempt, as with Stripe), no cookies, no retries of its own (the outbox retries),
 * and a deadline over the whole exchange, so a receiver that trickles bytes cannot hold a worker longer.
 */
class WebhookHttp implements DisposableBean {

	static final String ID = "Atrium-Webhook-Id";

	static final String TIMESTAMP = "Atrium-Webhook-Timestamp";

	static final String SIGNATURE = "Atrium-Webhook-Signature";

	private final CloseableHttpClient client;

	private final ScheduledExecutorService deadlines;

	private final int maxReplySize;

	WebhookHttp(WebhookProperties properties, HostResolver resolver) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhook-deadline-");
		threads.setDaemon(true);
		this.deadlines = Executors.newSingleThreadScheduledExecutor(threads);
		this.maxReplySize = (int) Math.min(properties.maxReplySize().toBytes(), 1024 * 1024);
		AddressPolicy addresses = AddressPolicy.of(properties.allowLoopback(), properties.allowedNetworks());
		this.client = PooledHttpClients
			.builder(new CheckedDnsResolver(resolver, addresses), properties.connectTimeout(), properties.timeout(),
					Math.max(32, properties.workers() * 2), Math.max(8, properties.workers()))
			.setUserAgent("Atrium-Webhooks/1")
			.build();
	}

	/**
	 * Sends one delivery, signed at the given time with each secret (the current one first; space-separated
	 * {@code v1=} values), within the deadline.
	 * @param readReply whether to read the answer's body (the synchronous reply), up to the configured size
	 */
	Outcome post(String url, String deliveryId, String body, List<String> secrets, long timestamp, Duration deadline,
			boolean readReply) {
		HttpPost request = new HttpPost(URI.create(url));
		request.setHeader(ID, deliveryId);
		request.setHeader(TIMESTAMP, Long.toString(timestamp));
		request.setHeader(SIGNATURE, String.join(" ",
				secrets.stream().map((secret) -> WebhookSecrets.signature(secret, timestamp, body)).toList()));
		request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
		long started = System.nanoTime();
		ScheduledFuture<?> timer = this.deadlines.schedule(request::cancel, deadline.toMillis(),
				TimeUnit.MILLISECONDS);
		try (ClassicHttpResponse response = this.client.executeOpen(null, request, HttpClientContext.create())) {
			int status = response.getCode();
			String reply = null;
			HttpEntity entity = response.getEntity();
			if (entity != null && readReply && status == 200) {
				try (InputStream in = entity.getContent()) {
					reply = new String(in.readNBytes(this.maxReplySize), StandardCharsets.UTF_8);
				}
			}
			long latency = elapsedMillis(started);
			if (status >= 200 && status < 300) {
				return new Outcome(true, status, null, latency, reply);
			}
			return new Outcome(false, status, "HTTP " + status, latency, null);
		}
		catch (ForbiddenAddressException ex) {
			return new Outcome(false, null, "the host resolves to an address webhooks may not reach",
					elapsedMillis(started), null);
		}
		catch (IOException | RuntimeException ex) {
			String why = request.isCancelled() ? "no answer within " + deadline.toMillis() + " ms"
					: ex.getClass().getSimpleName() + describe(ex);
			return new Outcome(false, null, why, elapsedMillis(started), null);
		}
		finally {
			timer.cancel(false);
		}
	}

	/** The receiver's host is in the URL anyway; an exception's message names at most host and port. */
	private static String describe(Exception ex) {
		String message = ex.getMessage();
		return (message == null || message.isBlank()) ? "" : ": " + message.lines().findFirst().orElse("");
	}

	private static long elapsedMillis(long started) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

	@Override
	public void destroy() throws IOException {
		this.deadlines.shutdownNow();
		this.client.close();
	}

	/**
	 * @param status the receiver's HTTP status, null when it did not answer
	 * @param error why the attempt failed, null when it succeeded
	 * @param reply the answer's body when asked for and the status was 200
	 */
	record Outcome(boolean ok, Integer status, String error, long latencyMs, String reply) {
	}

}

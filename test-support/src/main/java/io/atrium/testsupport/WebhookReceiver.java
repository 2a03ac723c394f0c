package io.atrium.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A provider's system receiving webhooks: a real HTTP server on loopback that records every request and answers
 * as told (status, delay, body). It verifies signatures itself, the way docs/webhooks.md tells receivers to, with
 * no code of Atrium's.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, 0, ""));

	public WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.threads);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks/wechat?source=atrium";
	}

	public void answer(int status, long delayMillis, String body) {
		this.answer.set(new Answer(status, delayMillis, body));
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Atrium-Webhook-Id"),
					exchange.getRequestHeaders().getFirst("Atrium-Webhook-Timestamp"),
					exchange.getRequestHeaders().getFirst("Atrium-Webhook-Signature"), body));
		}
		Answer current = this.answer.get();
		if (current.delayMillis() > 0) {
			try {
				Thread.sleep(current.delayMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] bytes = current.body().getBytes(StandardCharsets.UTF_8);
		try {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(current.status(), (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		}
		catch (IOException ex) {
			// Atrium gave up waiting.
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	public record Answer(int status, long delayMillis, String body) {
	}

	public record Request(String method, String uri, String contentType, String id, String timestamp, String signature,
			String body) {

		/** The receiver's check: HMAC-SHA256 over "timestamp.body" with the secret as shown, hex, "v1=". */
		public boolean signedWith(String secret) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				byte[] expected = mac.doFinal((this.timestamp + "." + this.body).getBytes(StandardCharsets.UTF_8));
				for (String part : this.signature.split(" ")) {
					if (part.startsWith("v1=") && MessageDigest.isEqual(
							HexFormat.of().parseHex(part.substring(3)), expected)) {
						return true;
					}
				}
				return false;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}

package io.atrium.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The provider's system at the other end of the webhooks: one path per tenant ({@code /hook/<tenant id>}), each
 * request's signature checked with that tenant's secret as docs/webhooks.md tells receivers to, every delivery id
 * counted (a second arrival of one id is a duplicate, allowed by at-least-once but counted).
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, String> secrets = new ConcurrentHashMap<>();

	private final Set<String> deliveries = ConcurrentHashMap.newKeySet();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong badSignatures = new AtomicLong();

	public WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(8, (runnable) -> {
			Thread thread = new Thread(runnable, "webhook-receiver");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/hook/", this::receive);
		this.server.start();
	}

	/** Where the given tenant's endpoint points. */
	public String urlFor(long tenantId) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook/" + tenantId;
	}

	public void secret(long tenantId, String secret) {
		this.secrets.put("/hook/" + tenantId, secret);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			String secret = this.secrets.get(exchange.getRequestURI().getPath());
			String id = exchange.getRequestHeaders().getFirst("Atrium-Webhook-Id");
			String timestamp = exchange.getRequestHeaders().getFirst("Atrium-Webhook-Timestamp");
			String signature = exchange.getRequestHeaders().getFirst("Atrium-Webhook-Signature");
			if (secret == null || id == null || timestamp == null || signature == null
					|| !verify(secret, timestamp, signature, body)) {
				this.badSignatures.incrementAndGet();
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			if (!this.deliveries.add(id)) {
				this.duplicates.incrementAndGet();
			}
			exchange.sendResponseHeaders(204, -1);
		}
		finally {
			exchange.close();
		}
	}

	private static boolean verify(String secret, String timestamp, String header, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			byte[] expected = mac.doFinal(body);
			for (String part : header.split(" ")) {
				if (part.startsWith("v1=") && MessageDigest.isEqual(HexFormat.of().parseHex(part.substring(3)), expected)) {
					return true;
				}
			}
			return false;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	public int delivered() {
		return this.deliveries.size();
	}

	public long duplicates() {
		return this.duplicates.get();
	}

	public long badSignatures() {
		return this.badSignatures.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

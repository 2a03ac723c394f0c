package io.atrium.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.crypto.WeChatXml;

/**
 * A tiny auth-event URL for tests: opens every push with the component's crypto (signature checked), records it,
 * and answers {@code success} (or whatever a test sets).
 */
final class PushReceiver implements AutoCloseable {

	private final HttpServer server;

	private final WeChatMessageCrypto crypto;

	private final List<Received> received = new ArrayList<>();

	private volatile int status = 200;

	private volatile String answer = "success";

	PushReceiver(SandboxSettings settings) throws IOException {
		// The JDK server reads this once per JVM; set it as the sandbox would, whichever server comes first.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.crypto = new WeChatMessageCrypto(settings.componentToken(), settings.componentAesKey(),
				settings.componentAppId());
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		this.server.createContext("/wechat/component/events", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/wechat/component/events";
	}

	void answer(int status, String body) {
		this.status = status;
		this.answer = body;
	}

	synchronized List<Received> received() {
		return new ArrayList<>(this.received);
	}

	synchronized List<Received> received(String infoType) {
		return this.received.stream().filter((push) -> infoType.equals(push.xml().get("InfoType"))).toList();
	}

	synchronized void clear() {
		this.received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> query = new LinkedHashMap<>();
			for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String plaintext = this.crypto.open(body, query.get("timestamp"), query.get("nonce"),
					query.get("msg_signature"));
			boolean urlSignatureOk = this.crypto.urlSignature(query.get("timestamp"), query.get("nonce"))
				.equals(query.get("signature"));
			synchronized (this) {
				this.received.add(new Received(exchange.getRequestMethod(),
						exchange.getRequestHeaders().getFirst("Content-Type"), query, body, plaintext,
						WeChatXml.parse(plaintext), urlSignatureOk));
			}
			byte[] reply = this.answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status, reply.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(reply);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String method, String contentType, Map<String, String> query, String body, String plaintext,
			WeChatXml xml, boolean urlSignatureOk) {
	}

}

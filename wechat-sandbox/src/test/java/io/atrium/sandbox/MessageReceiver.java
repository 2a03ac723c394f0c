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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.crypto.WeChatXml;

/**
 * A tiny platform message URL for tests ({@code /wx/$APPID$/messages}): opens every message with the component's
 * crypto (signature checked), records it, and answers what the test's responder says ({@code success} by default).
 */
final class MessageReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(16, (task) -> {
		Thread thread = new Thread(task, "message-receiver");
		thread.setDaemon(true);
		return thread;
	});

	private final WeChatMessageCrypto crypto;

	private final List<Received> received = new ArrayList<>();

	private volatile Function<Received, Answer> responder = (message) -> Answer.text("success");

	MessageReceiver(SandboxSettings settings) throws IOException {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.crypto = new WeChatMessageCrypto(settings.componentToken(), settings.componentAesKey(),
				settings.componentAppId());
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		this.server.createContext("/wx/", this::handle);
		// Several at once: a run of the release test delivers to ten accounts in parallel.
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	/** The message URL with WeChat's placeholder, as a platform registers it. */
	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/wx/$APPID$/messages";
	}

	WeChatMessageCrypto crypto() {
		return this.crypto;
	}

	void respond(Function<Received, Answer> responder) {
		this.responder = responder;
	}

	synchronized List<Received> received() {
		return new ArrayList<>(this.received);
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
			String path = exchange.getRequestURI().getPath();
			String appid = path.split("/")[2];
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String plaintext = this.crypto.open(body, query.get("timestamp"), query.get("nonce"),
					query.get("msg_signature"));
			boolean urlSignatureOk = this.crypto.urlSignature(query.get("timestamp"), query.get("nonce"))
				.equals(query.get("signature"));
			Received message = new Received(appid, exchange.getRequestHeaders().getFirst("Content-Type"), query,
					body, WeChatXml.parse(body), WeChatXml.parse(plaintext), plaintext, urlSignatureOk);
			synchronized (this) {
				this.received.add(message);
			}
			Answer answer = this.responder.apply(message);
			if (answer.delayMillis() > 0) {
				try {
					Thread.sleep(answer.delayMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), (reply.length == 0) ? -1 : reply.length);
			if (reply.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// A sandbox that gave up waiting closed the connection; nothing to answer.
		}
	}

	/** A passive text reply to a message, sealed as WeChat requires. */
	String sealedTextReply(Received message, String content) {
		String reply = "<xml><ToUserName><![CDATA[" + message.xml().get("FromUserName")
				+ "]]></ToUserName><FromUserName><![CDATA[" + message.xml().get("ToUserName")
				+ "]]></FromUserName><CreateTime>" + message.xml().get("CreateTime")
				+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
				+ "]]></Content></xml>";
		return this.crypto.sealReply(reply, message.query().get("timestamp"), "4242");
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	record Received(String appid, String contentType, Map<String, String> query, String body, WeChatXml envelope,
			WeChatXml xml, String plaintext, boolean urlSignatureOk) {
	}

	record Answer(int status, String body, long delayMillis) {

		static Answer text(String body) {
			return new Answer(200, body, 0);
		}

	}

}

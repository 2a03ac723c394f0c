package io.atrium.console.image;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback image host for the proxy's tests: images, oversized and non-image answers, redirects. It records
 * which paths were asked for and with which headers, so tests can show that a refused URL was never fetched and
 * that nothing of the browser's request went upstream.
 */
final class ImageHostServer implements AutoCloseable {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	static final String ETAG = "\"png-v1\"";

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	final List<HttpExchangeRecord> requests = new CopyOnWriteArrayList<>();

	/** Body bytes the host got onto the wire per path, so a test can tell how much of an answer was read. */
	final Map<String, AtomicLong> bytesSent = new ConcurrentHashMap<>();

	record HttpExchangeRecord(String path, String referer, String cookie, String authorization, String ifNoneMatch) {
	}

	ImageHostServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		// A slow answer must not hold up the others.
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.requests.add(new HttpExchangeRecord(path, exchange.getRequestHeaders().getFirst("Referer"),
				exchange.getRequestHeaders().getFirst("Cookie"), exchange.getRequestHeaders().getFirst("Authorization"),
				exchange.getRequestHeaders().getFirst("If-None-Match")));
		try (exchange) {
			switch (path) {
				case "/image.png" -> {
					if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
						exchange.getResponseHeaders().set("ETag", ETAG);
						exchange.sendResponseHeaders(304, -1);
						return;
					}
					exchange.getResponseHeaders().set("ETag", ETAG);
					exchange.getResponseHeaders().set("Last-Modified", "Sat, 21 Nov 2026 08:00:00 GMT");
					send(exchange, 200, "image/png", PNG, false);
				}
				case "/chunked.png" -> send(exchange, 200, "image/png", PNG, true);
				case "/slow.png" -> {
					try {
						Thread.sleep(2000);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					send(exchange, 200, "image/png", PNG, false);
				}
				case "/large.png" -> send(exchange, 200, "image/png", new byte[100_000], false);
				case "/large-chunked.png" -> send(exchange, 200, "image/png", new byte[100_000], true);
				// 100 MB, declared or not: a proxy that reads (or drains) such an answer takes it all off the wire.
				case "/huge-declared.png" -> stream(exchange, 100_000_000L, 100_000_000L, 0);
				case "/huge-chunked.png" -> stream(exchange, 0, 100_000_000L, 0);
				// A small image, one byte at a time, 300 ms apart: every read is quick, the whole takes 30 s.
				case "/drip.png" -> stream(exchange, 0, 100, 300);
				case "/drip-declared.png" -> stream(exchange, 100, 100, 300);
				case "/page.html" -> send(exchange, 200, "text/html", "<script>alert(1)</script>".getBytes(), false);
				case "/image.svg" -> send(exchange, 200, "image/svg+xml", "<svg onload=alert(1)/>".getBytes(), false);
				case "/missing.png" -> send(exchange, 404, "text/plain", "no".getBytes(), false);
				default -> {
					if (path.startsWith("/redirect")) {
						exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawQuery());
						exchange.sendResponseHeaders(302, -1);
						return;
					}
					send(exchange, 404, "text/plain", "no".getBytes(), false);
				}
			}
		}
	}

	/** A 200 image/png body of {@code total} bytes (declaring {@code declared}, 0 for chunked), until the reader goes. */
	private void stream(HttpExchange exchange, long declared, long total, long pauseMillis) {
		AtomicLong sent = this.bytesSent.computeIfAbsent(exchange.getRequestURI().getPath(), (path) -> new AtomicLong());
		try {
			exchange.getResponseHeaders().set("Content-Type", "image/png");
			exchange.sendResponseHeaders(200, declared);
			OutputStream out = exchange.getResponseBody();
			byte[] chunk = new byte[(pauseMillis > 0) ? 1 : 64 * 1024];
			for (long written = 0; written < total; written += chunk.length) {
				if (pauseMillis > 0) {
					Thread.sleep(pauseMillis);
				}
				out.write(chunk);
				out.flush();
				sent.addAndGet(chunk.length);
			}
			out.close();
		}
		catch (IOException ex) {
			// The proxy hung up: what it did not read was never sent.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean chunked)
			throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
		catch (IOException ex) {
			// the proxy hung up on an answer it refused
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}

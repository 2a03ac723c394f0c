package io.atrium.token.wechat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import io.atrium.wechat.WeChatApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Feign transport every WeChat client is built with ({@link WeChatHttp#builder}), against a real HTTP server
 * standing in for WeChat: what is sent arrives as it was, answers and failures come out as Atrium's callers expect
 * them, and a thousand calls go over pooled connections.
 */
class PooledFeignClientTests {

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final List<String> contentTypes = new CopyOnWriteArrayList<>();

	private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();

	private HttpServer server;

	private Api api;

	static {
		// The JDK's server writes an answer's head and body apart; with Nagle on, each call would wait for a
		// delayed ACK (40 ms). Read once, when the first server of the JVM starts, as the sandbox sets it too.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/cgi-bin/echo", (exchange) -> {
			record(exchange);
			answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"query\":\""
					+ exchange.getRequestURI().getRawQuery() + "\"}");
		});
		this.server.createContext("/cgi-bin/refused", (exchange) -> {
			record(exchange);
			answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential rid: 1-2\"}");
		});
		this.server.createContext("/cgi-bin/down", (exchange) -> {
			record(exchange);
			answer(exchange, 503, "<html>busy</html>");
		});
		this.server.createContext("/cgi-bin/slow", (exchange) -> {
			record(exchange);
			try {
				Thread.sleep(2_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer(exchange, 200, "{\"errcode\":0}");
		});
		this.server.start();
		this.api = WeChatHttp.builder(Duration.ofSeconds(1), Duration.ofMillis(300))
			.target(Api.class, "http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void aPostArrivesByteForByteWithItsContentTypeAndItsAnswerIsDecoded() {
		Answer answer = WeChatHttp.call("/cgi-bin/echo", () -> this.api.echo("T-1", new Body("标题 \"quoted\"", 20)));

		assertThat(answer.query()).isEqualTo("access_token=T-1");
		assertThat(this.bodies).containsExactly("{\"title\":\"标题 \\\"quoted\\\"\",\"count\":20}");
		assertThat(this.contentTypes).singleElement().asString().startsWith("application/json");
	}

	@Test
	void aWeChatErrorComesOutAsItself() {
		WeChatApiException ex = catchThrowableOfType(WeChatApiException.class,
				() -> WeChatHttp.call("/cgi-bin/refused", () -> this.api.refused("T-1")));

		assertThat(ex.error().errcode()).isEqualTo(40001);
	}

	@Test
	void anHttpErrorKeepsItsStatus() {
		WeChatUnavailableException ex = catchThrowableOfType(WeChatUnavailableException.class,
				() -> WeChatHttp.call("/cgi-bin/down", () -> this.api.down("T-1")));

		assertThat(ex.status()).isEqualTo(503);
		assertThat(ex.isTransient()).isTrue();
	}

	@Test
	void anAnswerSlowerThanTheReadTimeoutIsNoAnswerAndTheTokenIsNotQuoted() {
		WeChatUnavailableException ex = catchThrowableOfType(WeChatUnavailableException.class,
				() -> WeChatHttp.call("/cgi-bin/slow", () -> this.api.slow("SECRET-TOKEN")));

		assertThat(ex.status()).isLessThan(1);
		assertThat(ex.isTransient()).isTrue();
		assertThat(ex.getMessage()).doesNotContain("SECRET-TOKEN").contains("SocketTimeoutException");
	}

	@Test
	void aThousandCallsOneAfterAnotherShareOneConnection() {
		for (int i = 0; i < 1_000; i++) {
			int count = i;
			WeChatHttp.call("/cgi-bin/echo", () -> this.api.echo("T-" + count, new Body("t", count)));
		}

		assertThat(this.bodies).hasSize(1_000);
		assertThat(this.connections).hasSize(1);
	}

	private void record(HttpExchange exchange) throws IOException {
		this.connections.add(exchange.getRemoteAddress());
		this.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		this.contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", (status == 200) ? "application/json" : "text/html");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	interface Api {

		@RequestLine("POST /cgi-bin/echo?access_token={token}")
		@Headers("Content-Type: application/json")
		Answer echo(@Param("token") String token, Body body);

		@RequestLine("GET /cgi-bin/refused?access_token={token}")
		Answer refused(@Param("token") String token);

		@RequestLine("GET /cgi-bin/down?access_token={token}")
		Answer down(@Param("token") String token);

		@RequestLine("GET /cgi-bin/slow?access_token={token}")
		Answer slow(@Param("token") String token);

	}

	record Body(String title, int count) {
	}

	record Answer(int errcode, String query) {
	}

}

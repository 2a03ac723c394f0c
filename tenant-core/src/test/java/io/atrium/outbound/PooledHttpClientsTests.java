package io.atrium.outbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.atrium.testsupport.ClosingKeepAliveServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients every outbound call is made with, against a server that closes a kept-alive connection once it has
 * been idle a moment (as the sandbox's and many real servers do): the next call must not be sent on the dead
 * connection, which answers nothing ({@code NoHttpResponseException}), but on a new one.
 */
class PooledHttpClientsTests {

	@Test
	void aConnectionTheServerClosedWhileIdleIsNotUsedAgain() throws Exception {
		try (ClosingKeepAliveServer server = ClosingKeepAliveServer.start("text/plain",
				"first".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(100));
				CloseableHttpClient client = PooledHttpClients
					.builder(null, Duration.ofSeconds(2), Duration.ofSeconds(2), 4, 4)
					.build()) {
			assertThat(get(client, server)).isEqualTo("first");
			assertThat(server.awaitClosed(Duration.ofSeconds(5))).isTrue();
			// Past the pool's idle check (it validates a connection idle longer than that before lending it).
			Thread.sleep(PooledHttpClients.VALIDATE_AFTER_INACTIVITY.toMilliseconds() + 200);

			assertThat(get(client, server)).isEqualTo("first");
			assertThat(server.connections()).isEqualTo(2);
		}
	}

	private static String get(CloseableHttpClient client, ClosingKeepAliveServer server) throws IOException {
		HttpGet request = new HttpGet("http://127.0.0.1:" + server.port() + "/");
		try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
			return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
		}
		catch (ParseException ex) {
			throw new IOException(ex);
		}
	}

}

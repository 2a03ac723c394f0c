package io.atrium.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients every outbound call is made with, against a server that closes a kept-alive connection once it has
 * been idle a moment (as the sandbox's and many real servers do): the next call must not be sent on the dead
 * connection, which answers nothing ({@code NoHttpResponseException}), but on a new one.
 */
class PooledHttpClientsTests {

	private ServerSocket server;

	private Thread acceptor;

	private final AtomicInteger connections = new AtomicInteger();

	/** Counted down each time the server has closed an idle connection. */
	private final CountDownLatch closed = new CountDownLatch(1);

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(() -> {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					this.connections.incrementAndGet();
					Thread serving = new Thread(() -> serveOnceThenCloseWhenIdle(socket));
					serving.setDaemon(true);
					serving.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	@AfterEach
	void stopServer() throws IOException {
		this.server.close();
	}

	@Test
	void aConnectionTheServerClosedWhileIdleIsNotUsedAgain() throws Exception {
		try (CloseableHttpClient client = PooledHttpClients
			.builder(null, Duration.ofSeconds(2), Duration.ofSeconds(2), 4, 4)
			.build()) {
			assertThat(get(client)).isEqualTo("first");
			assertThat(this.closed.await(5, TimeUnit.SECONDS)).isTrue();
			// Past the pool's idle check (it validates a connection idle longer than that before lending it).
			Thread.sleep(PooledHttpClients.VALIDATE_AFTER_INACTIVITY.toMilliseconds() + 200);

			assertThat(get(client)).isEqualTo("first");
			assertThat(this.connections.get()).isEqualTo(2);
		}
	}

	private String get(CloseableHttpClient client) throws IOException {
		HttpGet request = new HttpGet("http://127.0.0.1:" + this.server.getLocalPort() + "/");
		try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
			return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
		}
		catch (ParseException ex) {
			throw new IOException(ex);
		}
	}

	/** Answers one request, keeping the connection alive, and closes it after 100 ms without a second request. */
	private void serveOnceThenCloseWhenIdle(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[4096];
			StringBuilder head = new StringBuilder();
			while (!head.toString().contains("\r\n\r\n")) {
				int read = in.read(buffer);
				if (read < 0) {
					return;
				}
				head.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
			}
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n"
					+ "first").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Thread.sleep(100);
		}
		catch (IOException ex) {
			// the client went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.closed.countDown();
		}
	}

}

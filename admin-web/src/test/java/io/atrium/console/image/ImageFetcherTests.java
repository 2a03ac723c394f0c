package io.atrium.console.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.atrium.outbound.HostResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image fetcher against a host that closes each kept-alive connection right after its answer (as a busy server
 * does when it has too many idle connections): the next image is asked on the pooled connection, which answers
 * nothing, and is asked again, once, on a new one instead of answering the browser 502.
 */
class ImageFetcherTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private ServerSocket server;

	private final AtomicInteger connections = new AtomicInteger();

	@BeforeEach
	void startHost() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					this.connections.incrementAndGet();
					answerOnceAndClose(socket);
				}
				catch (IOException ex) {
					// closed
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void stopHost() throws IOException {
		this.server.close();
	}

	@Test
	void anImageAskedOnAConnectionTheHostHadClosedIsAskedAgainOnANewOne() throws Exception {
		String hostAndPort = "127.0.0.1:" + this.server.getLocalPort();
		ImageProxyProperties properties = new ImageProxyProperties(List.of(), List.of(hostAndPort), true,
				DataSize.ofKilobytes(64), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
				Duration.ofDays(1), 3);
		ImageFetcher fetcher = new ImageFetcher(properties, HostResolver.SYSTEM);
		try {
			for (int i = 0; i < 3; i++) {
				try (UpstreamImage image = fetcher.fetch("http://" + hostAndPort + "/image.png", null, null)) {
					assertThat(image.body().readAllBytes()).isEqualTo(PNG);
				}
			}
		}
		finally {
			fetcher.destroy();
		}
		// Each fetch after the first met the closed connection, then a new one: one connection per image.
		assertThat(this.connections.get()).isEqualTo(3);
	}

	/** One answer with keep-alive, then the connection closed at once. */
	private static void answerOnceAndClose(Socket socket) throws IOException {
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
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + PNG.length
				+ "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.write(PNG);
		out.flush();
	}

}

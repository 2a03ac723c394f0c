package io.atrium.testsupport;

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

/**
 * An HTTP server on the loopback address that answers one request per connection, saying {@code keep-alive}, and
 * then closes the connection after a while (as servers do with idle or surplus connections): a client that sends
 * its next request on that pooled connection gets no answer. Counts the connections it accepted.
 */
public final class ClosingKeepAliveServer implements AutoCloseable {

	private final ServerSocket server;

	private final byte[] answer;

	private final Duration closeAfter;

	private final AtomicInteger connections = new AtomicInteger();

	private final CountDownLatch firstClosed = new CountDownLatch(1);

	private ClosingKeepAliveServer(String contentType, byte[] body, Duration closeAfter) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
				+ "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
		this.answer = new byte[head.length + body.length];
		System.arraycopy(head, 0, this.answer, 0, head.length);
		System.arraycopy(body, 0, this.answer, head.length, body.length);
		this.closeAfter = closeAfter;
		Thread acceptor = new Thread(this::accept, "closing-keep-alive-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * @param closeAfter how long after its answer a connection is closed
	 */
	public static ClosingKeepAliveServer start(String contentType, byte[] body, Duration closeAfter)
			throws IOException {
		return new ClosingKeepAliveServer(contentType, body, closeAfter);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** How many connections clients opened. */
	public int connections() {
		return this.connections.get();
	}

	/** Waits until the server has closed a connection. */
	public boolean awaitClosed(Duration timeout) throws InterruptedException {
		return this.firstClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.connections.incrementAndGet();
				Thread serving = new Thread(() -> answerOnceThenClose(socket));
				serving.setDaemon(true);
				serving.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void answerOnceThenClose(Socket socket) {
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
			out.write(this.answer);
			out.flush();
			Thread.sleep(this.closeAfter.toMillis());
		}
		catch (IOException ex) {
			// the client went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.firstClosed.countDown();
		}
	}

}

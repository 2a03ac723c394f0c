package io.atrium.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP forwarder between an application under test and a real server (PostgreSQL, Redis), that a test can cut:
 * open connections are reset and new ones are closed as soon as they are accepted, as when the server dies or the
 * network between goes, until {@link #restore()}. So outages are tested against the real server and the real
 * drivers, not a mock of either.
 */
public final class TcpProxy implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TcpProxy.class);

	private static final Pattern HOST_AND_PORT = Pattern.compile("//([^/@]*@)?([^/:?@]+):(\\d+)");

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private TcpProxy(InetSocketAddress target, ServerSocket server) {
		this.target = target;
		this.server = server;
	}

	/** Starts forwarding from a free loopback port to {@code host:port}. */
	public static TcpProxy to(String host, int port) {
		try {
			ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), server);
			Thread acceptor = new Thread(proxy::accept, "tcp-proxy-" + server.getLocalPort());
			acceptor.setDaemon(true);
			acceptor.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a TCP proxy to " + host + ":" + port, ex);
		}
	}

	/** A proxy to the server a URL such as {@code jdbc:postgresql://host:5432/db} or {@code redis://host:6379} names. */
	public static TcpProxy toServerOf(String url) {
		Matcher matcher = HOST_AND_PORT.matcher(url);
		if (!matcher.find()) {
			throw new IllegalArgumentException("No host:port in " + PostgresServer.mask(url));
		}
		return to(matcher.group(2), Integer.parseInt(matcher.group(3)));
	}

	/** The URL with its {@code host:port} replaced by this proxy's. */
	public String rewrite(String url) {
		Matcher matcher = HOST_AND_PORT.matcher(url);
		if (!matcher.find()) {
			throw new IllegalArgumentException("No host:port in " + PostgresServer.mask(url));
		}
		String userInfo = (matcher.group(1) != null) ? matcher.group(1) : "";
		return url.substring(0, matcher.start()) + "//" + userInfo + "127.0.0.1:" + port() + url.substring(matcher.end());
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Resets every open connection and refuses new ones until {@link #restore()}. */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	/** Forwards again; clients reconnect on their own. */
	public void restore() {
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.server);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					closeQuietly(client);
					continue;
				}
				Socket upstream = new Socket();
				try {
					upstream.connect(this.target, 2000);
				}
				catch (IOException ex) {
					closeQuietly(client);
					continue;
				}
				this.open.add(client);
				this.open.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				if (!this.server.isClosed()) {
					logger.debug("TCP proxy accept failed: {}", ex.toString());
				}
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Closed at either end, or cut.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "tcp-proxy-pump-" + from.getPort());
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable instanceof Socket socket && !socket.isClosed()) {
				// A reset rather than an orderly close, as a dead peer or a broken network gives.
				socket.setSoLinger(true, 0);
			}
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

	@Override
	public String toString() {
		return "TcpProxy[127.0.0.1:" + port() + " -> " + URI.create("tcp://" + this.target.getHostString() + ":"
				+ this.target.getPort()) + (this.cut ? ", cut" : "") + "]";
	}

}

package io.atrium.testsupport;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal RESP client, so that these tests check the servers with nothing between them.
 */
final class Resp implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	Resp(String host, int port) throws IOException {
		this.socket = new Socket();
		this.socket.connect(new InetSocketAddress(host, port), 2000);
		this.socket.setSoTimeout(2000);
		this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		this.out = this.socket.getOutputStream();
	}

	/**
	 * Connects to the server a {@code redis://} URL names, and authenticates when the URL carries
	 * credentials ({@code redis://:password@host} or {@code redis://user:password@host}).
	 */
	static Resp connect(String url) throws IOException {
		URI uri = URI.create(url);
		Resp resp = new Resp(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 6379);
		String userInfo = uri.getUserInfo();
		if (userInfo != null && !userInfo.isEmpty()) {
			int colon = userInfo.indexOf(':');
			String reply = (colon < 0) ? resp.call("AUTH", userInfo)
					: (colon == 0) ? resp.call("AUTH", userInfo.substring(1))
							: resp.call("AUTH", userInfo.substring(0, colon), userInfo.substring(colon + 1));
			if (!"+OK".equals(reply)) {
				resp.close();
				throw new IOException("AUTH answered " + reply);
			}
		}
		return resp;
	}

	/**
	 * Sends a command and returns the reply: simple strings with their {@code +}, errors with
	 * their {@code -}, integers as text, bulk strings as their content or {@code null}.
	 */
	String call(String... arguments) throws IOException {
		StringBuilder command = new StringBuilder("*").append(arguments.length).append("\r\n");
		for (String argument : arguments) {
			command.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
			command.append(argument).append("\r\n");
		}
		this.out.write(command.toString().getBytes(StandardCharsets.UTF_8));
		this.out.flush();
		String line = this.in.readLine();
		if (line == null) {
			// The server (or a proxy between) closed the connection: as a client library would, an I/O error.
			throw new EOFException("Connection closed before a reply");
		}
		if (line.startsWith("$")) {
			int length = Integer.parseInt(line.substring(1));
			return (length < 0) ? null : this.in.readLine();
		}
		return line.startsWith(":") ? line.substring(1) : line;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}

package io.atrium.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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

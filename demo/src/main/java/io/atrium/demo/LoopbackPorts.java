package io.atrium.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free ports on the loopback interface, for the demo's in-process servers. (test-support has its
 * own: the application cannot depend on a test-only module.)
 */
final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/**
	 * A port that was free on the loopback interface a moment ago.
	 * @param purpose what the port is for, for the error message
	 * @return the port
	 */
	static int free(String purpose) {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for " + purpose, ex);
		}
	}

}

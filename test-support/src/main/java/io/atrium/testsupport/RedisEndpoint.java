package io.atrium.testsupport;

import java.util.List;

/**
 * A Redis server chosen for this JVM's tests.
 *
 * @param source where the server came from
 * @param reason why it was chosen, for the log
 * @param host the host
 * @param port the port
 * @param url the {@code redis://} URL, which may carry credentials
 * @param clusterNodes a Redis Cluster's nodes ({@code host:port}), empty for a single server; {@code host},
 * {@code port} and {@code url} then name the first node
 * @param stopper stops the server; does nothing for servers this JVM did not start
 */
record RedisEndpoint(Source source, String reason, String host, int port, String url, List<String> clusterNodes,
		AutoCloseable stopper) implements AutoCloseable {

	RedisEndpoint {
		clusterNodes = List.copyOf(clusterNodes);
	}

	RedisEndpoint(Source source, String reason, String host, int port, String url, AutoCloseable stopper) {
		this(source, reason, host, port, url, List.of(), stopper);
	}

	static RedisEndpoint of(Source source, String reason, String host, int port, AutoCloseable stopper) {
		return new RedisEndpoint(source, reason, host, port, "redis://" + host + ":" + port, stopper);
	}

	/**
	 * The URL as it may be logged.
	 */
	static String mask(String url) {
		return url.replaceFirst("//[^@/]*@", "//******@");
	}

	@Override
	public void close() throws Exception {
		this.stopper.close();
	}

	@Override
	public String toString() {
		String where = this.clusterNodes.isEmpty() ? mask(this.url) : "Cluster " + String.join(",", this.clusterNodes);
		return "Redis " + where + " (" + this.source + ": " + this.reason + ")";
	}

}

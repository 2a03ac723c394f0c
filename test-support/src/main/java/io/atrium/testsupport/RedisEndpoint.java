package io.atrium.testsupport;

/**
 * A Redis server chosen for this JVM's tests.
 *
 * @param source where the server came from
 * @param reason why it was chosen, for the log
 * @param host the host
 * @param port the port
 * @param url the {@code redis://} URL, which may carry credentials
 * @param stopper stops the server; does nothing for servers this JVM did not start
 */
record RedisEndpoint(Source source, String reason, String host, int port, String url, AutoCloseable stopper)
		implements AutoCloseable {

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
		return "Redis " + mask(this.url) + " (" + this.source + ": " + this.reason + ")";
	}

}

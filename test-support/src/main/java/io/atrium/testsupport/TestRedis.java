package io.atrium.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis server shared by all tests in this JVM, handed out one key prefix at a time.
 * <p>
 * The server is chosen on first use, once per JVM, in this order:
 * <ol>
 * <li>{@code ATRIUM_TEST_REDIS_URL} ({@code redis://host:port});</li>
 * <li>a {@code redis:7-alpine} container when a Docker engine answers;</li>
 * <li>the local server on 127.0.0.1:6379 when it answers PING without a password;</li>
 * <li>an embedded Redis on a free port.</li>
 * </ol>
 * The choice and the reason for it are logged once. Servers started here stop when the JVM exits.
 * Keys are not deleted: give them a TTL, or delete them in the test, when they would pile up on a
 * long-lived server.
 * <p>
 * Typical use, one prefix per test class:
 * <pre class="code">
 * static final RedisKeyspace redis = TestRedis.keyPrefixFor(TokenCacheTests.class);
 * </pre>
 */
public final class TestRedis {

	private static final Logger logger = LoggerFactory.getLogger(TestRedis.class);

	private static RedisEndpoint endpoint;

	private static RuntimeException failure;

	private TestRedis() {
	}

	/**
	 * A new key prefix, {@code atrium:test:<TestClassSimpleName>-<random>:}, on the shared server.
	 * Every call returns another prefix: call it once per test class and keep the result.
	 * @param testClass the test class the prefix is for
	 * @return the prefix and how to reach the server
	 */
	public static RedisKeyspace keyPrefixFor(Class<?> testClass) {
		RedisEndpoint endpoint = endpoint();
		String prefix = "atrium:test:" + testClass.getSimpleName() + "-" + Suffix.next() + ":";
		return new RedisKeyspace(endpoint.host(), endpoint.port(), endpoint.url(), prefix);
	}

	static synchronized RedisEndpoint endpoint() {
		if (endpoint == null && failure == null) {
			try {
				endpoint = RedisEndpointResolver.standard().resolve();
				logger.info("Tests use {}", endpoint);
				JvmExit.onExit(endpoint);
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw new IllegalStateException("No Redis for tests: " + failure.getMessage(), failure);
		}
		return endpoint;
	}

}

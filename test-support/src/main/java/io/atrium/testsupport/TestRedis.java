package io.atrium.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis server shared by all tests in this JVM, handed out one key prefix at a time.
 * <p>
 * The server is chosen on first use, once per JVM. When the system property {@value #CLUSTER_PROPERTY} is
 * {@code true} (the build's {@code redis-cluster} test run sets it), it is the Redis Cluster named by
 * {@code ATRIUM_TEST_REDIS_CLUSTER_NODES}, and test classes tagged {@value #TAG} run there. Otherwise, in this
 * order:
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

	/**
	 * The JUnit tag of test classes that exercise Atrium's Redis paths: the build runs them a second time on a
	 * Redis Cluster when {@code ATRIUM_TEST_REDIS_CLUSTER_NODES} is set ({@code @Tag(TestRedis.TAG)}).
	 */
	public static final String TAG = "redis";

	/** The system property that makes this JVM's tests use the Redis Cluster. */
	public static final String CLUSTER_PROPERTY = "atrium.test.redis.cluster";

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
		return new RedisKeyspace(endpoint.host(), endpoint.port(), endpoint.url(), endpoint.clusterNodes(), prefix);
	}

	static synchronized RedisEndpoint endpoint() {
		if (endpoint == null && failure == null) {
			try {
				RedisEndpointResolver resolver = RedisEndpointResolver.standard();
				endpoint = Boolean.getBoolean(CLUSTER_PROPERTY) ? resolver.resolveCluster() : resolver.resolve();
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

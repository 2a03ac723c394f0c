package io.atrium.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RedisEndpointResolverTests {

	private static final BooleanSupplier noDocker = () -> false;

	private static final BooleanSupplier dockerMustNotBeAsked = () -> {
		throw new AssertionError("Docker must not be asked when the environment names a server");
	};

	@Test
	void environmentUrlWinsAndDockerIsNotAsked() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_REDIS_URL", "redis://cache.example:7379");
		RedisEndpoint endpoint = new RedisEndpointResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(endpoint.source()).isEqualTo(Source.ENVIRONMENT);
		assertThat(endpoint.host()).isEqualTo("cache.example");
		assertThat(endpoint.port()).isEqualTo(7379);
		assertThat(endpoint.url()).isEqualTo("redis://cache.example:7379");
	}

	@Test
	void environmentUrlWithoutPortUsesTheStandardPortAndCredentialsAreNotShown() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_REDIS_URL", "redis://:s3cret@cache.example");
		RedisEndpoint endpoint = new RedisEndpointResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(endpoint.port()).isEqualTo(6379);
		assertThat(endpoint.url()).isEqualTo("redis://:s3cret@cache.example");
		assertThat(endpoint.toString()).contains("cache.example").doesNotContain("s3cret");
	}

	@Test
	void environmentUrlThatIsNotRedisIsRejected() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_REDIS_URL", "http://cache.example:6379");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisEndpointResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve())
			.withMessageContaining("ATRIUM_TEST_REDIS_URL");
	}

	@Test
	void environmentServerIsReallyUsed() throws Exception {
		// Known-good values: those of the server every other test in this JVM uses.
		Map<String, String> environment = Map.of("ATRIUM_TEST_REDIS_URL", TestRedis.endpoint().url());
		RedisEndpoint endpoint = new RedisEndpointResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(endpoint.source()).isEqualTo(Source.ENVIRONMENT);
		try (Resp redis = Resp.connect(endpoint.url())) {
			assertThat(redis.call("PING")).isEqualTo("+PONG");
		}
	}

	@Test
	void environmentServerFromTheRealEnvironmentIsReallyUsed() throws Exception {
		assumeTrue(System.getenv("ATRIUM_TEST_REDIS_URL") != null,
				"ATRIUM_TEST_REDIS_URL is not set: the environment names no server to check");
		RedisEndpoint endpoint = new RedisEndpointResolver(System.getenv(), dockerMustNotBeAsked, Ports.free())
			.resolve();
		assertThat(endpoint.source()).isEqualTo(Source.ENVIRONMENT);
		try (Resp redis = Resp.connect(endpoint.url())) {
			assertThat(redis.call("PING")).isEqualTo("+PONG");
		}
	}

	@Test
	void clusterNodesComeFromTheEnvironmentAndTheFirstNodeIsTheAddress() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_REDIS_CLUSTER_NODES",
				" cache-1.example:7001, cache-2.example:7002 ,cache-3.example:7003", "ATRIUM_TEST_REDIS_URL",
				"redis://single.example:6379");
		RedisEndpoint endpoint = new RedisEndpointResolver(environment, dockerMustNotBeAsked, Ports.free())
			.resolveCluster();
		assertThat(endpoint.source()).isEqualTo(Source.ENVIRONMENT);
		assertThat(endpoint.clusterNodes()).containsExactly("cache-1.example:7001", "cache-2.example:7002",
				"cache-3.example:7003");
		assertThat(endpoint.host()).isEqualTo("cache-1.example");
		assertThat(endpoint.port()).isEqualTo(7001);
		assertThat(endpoint.toString()).contains("Cluster cache-1.example:7001,cache-2.example:7002");
	}

	@Test
	void clusterRunWithoutClusterNodesFailsInsteadOfTestingTheSingleServer() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_REDIS_URL", "redis://single.example:6379");
		assertThatIllegalStateException()
			.isThrownBy(() -> new RedisEndpointResolver(environment, dockerMustNotBeAsked, Ports.free()).resolveCluster())
			.withMessageContaining("ATRIUM_TEST_REDIS_CLUSTER_NODES");
	}

	@Test
	void clusterNodeThatIsNotHostAndPortIsRejected() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_REDIS_CLUSTER_NODES",
				"127.0.0.1:7001,redis://127.0.0.1:7002");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisEndpointResolver(environment, dockerMustNotBeAsked, Ports.free()).resolveCluster())
			.withMessageContaining("redis://127.0.0.1:7002");
	}

	@Test
	void localServiceIsUsedWhenItAnswers() throws Exception {
		// Decided by the resolver's own probe: a Redis with requirepass answers PING with -NOAUTH, and
		// then the resolver rightly passes it over (see localServerThatAsksForAPasswordIsPassedOver).
		String refusal = RedisEndpointResolver.refusal("127.0.0.1", RedisEndpointResolver.STANDARD_PORT);
		assumeTrue(refusal == null,
				() -> "the local Redis on 127.0.0.1:6379 does not answer an unauthenticated PING: " + refusal);
		RedisEndpoint endpoint = new RedisEndpointResolver(Map.of(), noDocker, RedisEndpointResolver.STANDARD_PORT)
			.resolve();
		assertThat(endpoint.source()).isEqualTo(Source.LOCAL);
		assertThat(endpoint.url()).isEqualTo("redis://127.0.0.1:6379");
		try (Resp redis = new Resp(endpoint.host(), endpoint.port())) {
			assertThat(redis.call("PING")).isEqualTo("+PONG");
		}
	}

	@Test
	void localServerThatAsksForAPasswordIsPassedOver() throws Exception {
		int port = Ports.free();
		RedisServer protectedRedis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("requirepass s3cret")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		protectedRedis.start();
		try {
			assertThat(RedisEndpointResolver.refusal("127.0.0.1", port)).contains("NOAUTH");
			RedisEndpoint endpoint = new RedisEndpointResolver(Map.of(), noDocker, port).resolve();
			try {
				assertThat(endpoint.source()).isEqualTo(Source.EMBEDDED);
				assertThat(endpoint.reason()).contains("127.0.0.1:" + port).contains("NOAUTH");
				assertThat(endpoint.port()).isNotEqualTo(port);
				try (Resp redis = Resp.connect(endpoint.url())) {
					assertThat(redis.call("PING")).isEqualTo("+PONG");
				}
			}
			finally {
				endpoint.close();
			}
			try (Resp redis = Resp.connect("redis://:s3cret@127.0.0.1:" + port)) {
				assertThat(redis.call("PING")).isEqualTo("+PONG");
			}
		}
		finally {
			protectedRedis.stop();
		}
	}

	@Test
	void probeGivesUpQuicklyOnAClosedPort() {
		String refusal = assertTimeoutPreemptively(Duration.ofSeconds(3),
				() -> RedisEndpointResolver.refusal("127.0.0.1", Ports.free()));
		assertThat(refusal).contains("Connection refused");
	}

	@Test
	void embeddedServerIsStartedWhenNothingAnswers() throws Exception {
		int closedPort = Ports.free();
		RedisEndpoint endpoint = new RedisEndpointResolver(Map.of(), noDocker, closedPort).resolve();
		try {
			assertThat(endpoint.source()).isEqualTo(Source.EMBEDDED);
			assertThat(endpoint.reason()).contains("127.0.0.1:" + closedPort);
			assertThat(endpoint.port()).isNotEqualTo(closedPort);
			assertThat(RedisEndpointResolver.refusal(endpoint.host(), endpoint.port())).isNull();
			try (Resp redis = new Resp(endpoint.host(), endpoint.port())) {
				assertThat(redis.call("SET", "k", "v")).isEqualTo("+OK");
				assertThat(redis.call("GET", "k")).isEqualTo("v");
			}
		}
		finally {
			endpoint.close();
		}
		assertThat(RedisEndpointResolver.refusal(endpoint.host(), endpoint.port())).isNotNull();
	}

	@Test
	void containerIsStartedWhenDockerIsAvailableSkippedWithoutDocker() throws Exception {
		assumeTrue(Docker.available(), "no Docker engine: the Testcontainers path is not exercised here");
		RedisEndpoint endpoint = new RedisEndpointResolver(Map.of(), () -> true, Ports.free()).resolve();
		try {
			assertThat(endpoint.source()).isEqualTo(Source.TESTCONTAINERS);
			assertThat(RedisEndpointResolver.refusal(endpoint.host(), endpoint.port())).isNull();
		}
		finally {
			endpoint.close();
		}
	}

}

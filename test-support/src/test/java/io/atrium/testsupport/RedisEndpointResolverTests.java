package io.atrium.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
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
	void localServiceIsUsedWhenItAnswers() throws Exception {
		// The port check is independent of the resolver's probe (a PING), so this test can fail.
		assumeTrue(PostgresServerResolverTests.listening(RedisEndpointResolver.STANDARD_PORT),
				"no Redis listens on 127.0.0.1:6379");
		RedisEndpoint endpoint = new RedisEndpointResolver(Map.of(), noDocker, RedisEndpointResolver.STANDARD_PORT)
			.resolve();
		assertThat(endpoint.source()).isEqualTo(Source.LOCAL);
		assertThat(endpoint.url()).isEqualTo("redis://127.0.0.1:6379");
		try (Resp redis = new Resp(endpoint.host(), endpoint.port())) {
			assertThat(redis.call("PING")).isEqualTo("+PONG");
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

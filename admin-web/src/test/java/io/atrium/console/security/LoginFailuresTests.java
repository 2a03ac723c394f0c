package io.atrium.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import io.atrium.console.security.ConsoleProperties.LoginThrottle;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle against the shared test Redis, with a clock the test moves.
 */
class LoginFailuresTests {

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(LoginFailuresTests.class);

	static final LettuceConnectionFactory connections = connect();

	static final StringRedisTemplate template = new StringRedisTemplate(connections);

	MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));

	LoginFailures failures = new LoginFailures(template,
			new io.atrium.token.redis.RedisKeyspace(redis.keyPrefix()),
			new LoginThrottle(5, 20, Duration.ofMinutes(15)), this.clock);

	static LettuceConnectionFactory connect() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(redis.url()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	@BeforeEach
	void clean() {
		Set<String> keys = template.keys(redis.keyPrefix() + "*");
		if (keys != null && !keys.isEmpty()) {
			template.delete(keys);
		}
	}

	@AfterAll
	static void close() {
		connections.destroy();
	}

	@Test
	void fifthFailureLocksTheUsernameForFifteenMinutesByTheClock() {
		for (int i = 0; i < 4; i++) {
			this.failures.recordFailure("alice", "10.0.0." + i);
		}
		assertThat(this.failures.lockedUntil("alice", "10.0.0.99")).isEmpty();
		this.failures.recordFailure("Alice", "10.0.0.5");
		assertThat(this.failures.lockedUntil("alice", "10.0.0.99")).contains(Instant.parse("2026-11-21T08:15:00Z"));
		assertThat(this.failures.lockedUntil("bob", "10.0.0.99")).as("another user").isEmpty();
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(this.failures.lockedUntil("alice", "10.0.0.99")).isPresent();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.failures.lockedUntil("alice", "10.0.0.99")).isEmpty();
		// The old failures are forgotten: one more failure does not lock again.
		this.failures.recordFailure("alice", "10.0.0.1");
		assertThat(this.failures.lockedUntil("alice", "10.0.0.99")).isEmpty();
	}

	@Test
	void anAddressTryingManyNamesIsLockedAtItsOwnLimit() {
		for (int i = 0; i < 19; i++) {
			this.failures.recordFailure("user" + i, "192.0.2.7");
		}
		assertThat(this.failures.lockedUntil("someone", "192.0.2.7")).isEmpty();
		this.failures.recordFailure("user19", "192.0.2.7");
		assertThat(this.failures.lockedUntil("someone", "192.0.2.7")).isPresent();
		assertThat(this.failures.lockedUntil("someone", "192.0.2.8")).isEmpty();
	}

	@Test
	void successForgetsTheUsernamesFailuresButNotTheAddresses() {
		for (int i = 0; i < 4; i++) {
			this.failures.recordFailure("carol", "198.51.100.1");
		}
		this.failures.recordSuccess("carol");
		this.failures.recordFailure("carol", "198.51.100.1");
		assertThat(this.failures.lockedUntil("carol", "198.51.100.2")).isEmpty();
	}

	@Test
	void usernamesAreNotStoredInClear() {
		this.failures.recordFailure("my-secret-password", "203.0.113.1");
		assertThat(template.keys(redis.keyPrefix() + "*")).noneMatch((key) -> key.contains("my-secret-password"))
			.anyMatch((key) -> key.startsWith(redis.keyPrefix() + "console:login-failures:user:"));
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}

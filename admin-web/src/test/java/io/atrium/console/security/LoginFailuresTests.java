package io.atrium.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.atrium.console.security.ConsoleProperties.LoginThrottle;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle against the shared test Redis, with a clock the test moves: growing locks, counted so that an
 * outsider cannot lock a user out of the addresses they log in from, and the notice of failed attempts.
 */
@Tag(TestRedis.TAG)
class LoginFailuresTests {

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(LoginFailuresTests.class);

	static final LettuceConnectionFactory connections = connect();

	static final StringRedisTemplate template = new StringRedisTemplate(connections);

	static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

	MutableClock clock = new MutableClock(START);

	static final LoginThrottle SETTINGS = new LoginThrottle(5, 20, 10, Duration.ofMinutes(1), Duration.ofHours(1),
			Duration.ofHours(24), Duration.ofDays(90), 10);

	io.atrium.token.redis.RedisKeyspace keyspace = new io.atrium.token.redis.RedisKeyspace(redis.keyPrefix());

	LoginFailures failures = new LoginFailures(template, this.keyspace, SETTINGS,
			new LoginNotices(template, this.keyspace, SETTINGS.knownAddressFor(), this.clock), this.clock);

	static LettuceConnectionFactory connect() {
		LettuceConnectionFactory factory = redis.cluster()
				? new LettuceConnectionFactory(new RedisClusterConfiguration(redis.clusterNodes()))
				: new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(redis.url()));
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
	void anOutsiderCannotLockTheOperatorOutOfTheirUsualAddress() {
		this.failures.recordSuccess("admin", "10.1.1.1");
		// One outsider hammering the name from one place, and a botnet trying it a few times from each of many.
		for (int i = 0; i < 30; i++) {
			this.failures.recordFailure("admin", "203.0.113.1");
		}
		for (int i = 0; i < 40; i++) {
			this.failures.recordFailure("ADMIN", "198.51.100." + i);
		}
		assertThat(this.failures.lockedUntil("admin", "10.1.1.1")).as("the operator's usual address").isEmpty();
		assertThat(this.failures.lockedUntil("admin", "203.0.113.1")).as("the outsider").isPresent();
		assertThat(this.failures.lockedUntil("admin", "198.51.100.200")).as("an address the operator never used")
			.isPresent();
		assertThat(this.failures.lockedUntil("someone-else", "198.51.100.200")).as("another name").isEmpty();
		// The operator's own typos from their usual address still count there.
		for (int i = 0; i < 5; i++) {
			this.failures.recordFailure("admin", "10.1.1.1");
		}
		assertThat(this.failures.lockedUntil("admin", "10.1.1.1")).contains(this.clock.instant().plusSeconds(60));
	}

	@Test
	void locksGrowFromOneMinuteDoublingUpToAnHour() {
		for (int i = 0; i < 4; i++) {
			assertThat(this.failures.recordFailure("alice", "10.0.0.1")).as("free failure %d", i + 1).isEmpty();
		}
		List<Long> minutes = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			Instant until = this.failures.recordFailure("alice", "10.0.0.1").orElseThrow();
			minutes.add(Duration.between(this.clock.instant(), until).toMinutes());
			// Still locked a second before the end, open at the end: judged by the clock, not by Redis's TTL.
			this.clock.set(until.minusSeconds(1));
			assertThat(this.failures.lockedUntil("alice", "10.0.0.1")).isPresent();
			this.clock.set(until);
			assertThat(this.failures.lockedUntil("alice", "10.0.0.1")).isEmpty();
		}
		assertThat(minutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
	}

	@Test
	void aDayWithoutFailuresStartsTheCountAgain() {
		for (int i = 0; i < 7; i++) {
			this.failures.recordFailure("bob", "10.0.0.2");
		}
		this.clock.advance(Duration.ofHours(24));
		assertThat(this.failures.lockedUntil("bob", "10.0.0.2")).isEmpty();
		for (int i = 0; i < 4; i++) {
			assertThat(this.failures.recordFailure("bob", "10.0.0.2")).isEmpty();
		}
		assertThat(this.failures.recordFailure("bob", "10.0.0.2")).contains(this.clock.instant().plusSeconds(60));
	}

	@Test
	void anAddressTryingManyNamesIsLockedAtItsOwnLimitForEveryName() {
		this.failures.recordSuccess("regular", "192.0.2.7");
		for (int i = 0; i < 19; i++) {
			this.failures.recordFailure("user" + i, "192.0.2.7");
		}
		assertThat(this.failures.lockedUntil("someone", "192.0.2.7")).isEmpty();
		this.failures.recordFailure("user19", "192.0.2.7");
		assertThat(this.failures.lockedUntil("someone", "192.0.2.7")).isPresent();
		assertThat(this.failures.lockedUntil("regular", "192.0.2.7")).as("even a user at home there").isPresent();
		assertThat(this.failures.lockedUntil("someone", "192.0.2.8")).isEmpty();
	}

	@Test
	void aSuccessForgetsThatNamesFailuresFromThatAddressOnly() {
		for (int i = 0; i < 4; i++) {
			this.failures.recordFailure("carol", "198.51.100.1");
			this.failures.recordFailure("carol", "198.51.100.2");
		}
		this.failures.recordSuccess("carol", "198.51.100.1");
		assertThat(this.failures.recordFailure("carol", "198.51.100.1")).isEmpty();
		assertThat(this.failures.recordFailure("carol", "198.51.100.2")).isPresent();
	}

	@Test
	void anAddressIsTheUsersForNinetyDaysAfterTheirLastLoginFromIt() {
		this.failures.recordSuccess("dave", "10.9.9.9");
		for (int i = 0; i < 10; i++) {
			this.failures.recordFailure("dave", "203.0.113." + i);
		}
		assertThat(this.failures.lockedUntil("dave", "10.9.9.9")).isEmpty();
		this.clock.advance(Duration.ofDays(90).minusMinutes(1));
		for (int i = 0; i < 11; i++) {
			this.failures.recordFailure("dave", "198.51.100." + i);
		}
		assertThat(this.failures.lockedUntil("dave", "10.9.9.9")).isEmpty();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.failures.lockedUntil("dave", "10.9.9.9")).as("no longer known").isPresent();
	}

	@Test
	void theNoticeCountsAttemptsSinceTheLastLoginAndIsGivenOnce() {
		assertThat(this.failures.recordSuccess("erin", "10.0.0.5")).isEmpty();
		this.failures.recordFailure("erin", "203.0.113.4");
		this.clock.advance(Duration.ofMinutes(3));
		this.failures.recordFailure("Erin", "203.0.113.5");
		this.failures.recordRefused("erin", "2001:db8:1:2:3:4:5:6");
		LoginNotice notice = this.failures.recordSuccess("erin", "10.0.0.5").orElseThrow();
		assertThat(notice).isEqualTo(new LoginNotice(3, this.clock.instant(), "2001:db8:1:2::/64"));
		assertThat(this.failures.recordSuccess("erin", "10.0.0.5")).isEmpty();
	}

	@Test
	void usernamesAreNotStoredInClear() {
		this.failures.recordFailure("my-secret-password", "203.0.113.1");
		this.failures.recordSuccess("my-secret-password", "203.0.113.1");
		assertThat(template.keys(redis.keyPrefix() + "*")).noneMatch((key) -> key.contains("my-secret-password"))
			.anyMatch((key) -> key.startsWith(redis.keyPrefix() + "console:login-failures:user:"));
	}

	@Test
	void ipv6AddressesAreCountedByTheirSlash64AndNamesAreNeverLookedUp() {
		assertThat(ClientAddress.of("2001:db8:aa:bb:1:2:3:4")).isEqualTo("2001:db8:aa:bb::/64");
		assertThat(ClientAddress.of("2001:0db8:00aa:00bb::")).isEqualTo("2001:db8:aa:bb::/64");
		assertThat(ClientAddress.of("0:0:0:0:0:0:0:1")).isEqualTo("::1");
		assertThat(ClientAddress.of("[2001:db8::1%eth0]")).isEqualTo("2001:db8:0:0::/64");
		assertThat(ClientAddress.of("192.0.2.1")).isEqualTo("192.0.2.1");
		assertThat(ClientAddress.of(null)).isEqualTo("unknown");
		assertThat(ClientAddress.of("evil.example:80")).isEqualTo("unknown");
		for (int i = 0; i < 20; i++) {
			this.failures.recordFailure("user" + i, "2001:db8:aa:bb::" + Integer.toHexString(i + 1));
		}
		assertThat(this.failures.lockedUntil("anyone", "2001:db8:aa:bb:ffff::1")).isPresent();
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		void set(Instant now) {
			this.now = now;
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

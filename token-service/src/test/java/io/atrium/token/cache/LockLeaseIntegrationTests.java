package io.atrium.token.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.atrium.testsupport.TestRedis;
import io.atrium.token.SandboxIntegrationTests;
import io.atrium.token.cache.TokenSource.FreshToken;
import io.atrium.token.redis.RedisKeyspace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "instances" of the token cache on the shared Redis, each with its own lock renewals, waiting at most 5 s as
 * production callers do: a refresh lock outlives a dead holder by one short lease, and a live holder keeps it for as
 * long as its WeChat call takes.
 */
@Tag(TestRedis.TAG)
class LockLeaseIntegrationTests extends SandboxIntegrationTests {

	/** Production's wait limit: a caller still waiting after it gets a 503. */
	private static final TokenSettings SETTINGS = new TokenSettings(Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20));

	@Autowired
	RedisKeyspace keys;

	@Autowired
	RefreshSchedule schedule;

	@Autowired
	TokenHealthRecorder health;

	@Autowired
	RefreshOutcomes outcomes;

	@Autowired
	Clock clock;

	private final List<LockLeases> leases = new ArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	/**
	 * Has one lock renewed before the test, so that it starts warm on either Redis. In a fresh test JVM the first
	 * renewal on a Redis Cluster came 972 ms after its lock was taken on a loaded 2-core machine (372 ms on a single
	 * server; the later ones on time on both), too close to the 1 s lease; an instance in production has sent scripts
	 * long before its first refresh lock (the ticket, the usage counters).
	 */
	@BeforeEach
	void warmUpRenewals() {
		String lock = this.keys.tagged("warm-up", "lock");
		this.redis.opsForValue().set(lock, "warm-up", Duration.ofMinutes(1));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		try (LockLeases.Hold held = leases().hold(lock, "warm-up")) {
			// A renewal sets the lease (1 s) in place of the minute.
			while (this.redis.getExpire(lock, TimeUnit.MILLISECONDS) > SETTINGS.lockLease().toMillis()
					&& System.nanoTime() < deadline) {
				sleep(Duration.ofMillis(20));
			}
		}
		this.redis.delete(lock);
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.leases.forEach(LockLeases::destroy);
	}

	@Test
	void aLockWhoseHolderDiedIsTakenOverWithinALeaseAndNoCallerTimesOut() throws Exception {
		TokenSubject subject = TokenSubject.authorizer("wx0000000000000dea");
		LockLeases deadLeases = leases();
		TokenCache dead = cache(deadLeases);
		CountDownLatch holding = new CountDownLatch(1);
		// The holder takes the lock, then its process dies: it never answers nor releases, its renewals stop.
		this.threads.submit(() -> dead.get(subject, () -> {
			holding.countDown();
			sleep(Duration.ofMinutes(5));
			return null;
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		deadLeases.destroy();

		TokenCache survivor = cache(leases());
		AtomicInteger fetches = new AtomicInteger();
		List<Future<CachedToken>> callers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			callers.add(this.threads.submit(() -> survivor.get(subject, () -> {
				fetches.incrementAndGet();
				return new FreshToken("after-the-holder-died", Duration.ofHours(2));
			})));
		}
		for (Future<CachedToken> caller : callers) {
			assertThat(caller.get(30, TimeUnit.SECONDS).token()).isEqualTo("after-the-holder-died");
		}
		assertThat(fetches).hasValue(1);
	}

	@Test
	void aLiveHolderKeepsItsLockWhileWeChatTakesLongerThanTheLease() throws Exception {
		TokenSubject subject = TokenSubject.authorizer("wx0000000000000510");
		TokenCache holder = cache(leases());
		TokenCache other = cache(leases());
		CountDownLatch holding = new CountDownLatch(1);
		AtomicInteger fetches = new AtomicInteger();
		Future<CachedToken> slow = this.threads.submit(() -> holder.get(subject, () -> {
			fetches.incrementAndGet();
			holding.countDown();
			sleep(Duration.ofMillis(2500));
			return new FreshToken("slow-but-alive", Duration.ofHours(2));
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

		List<Future<CachedToken>> callers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			callers.add(this.threads.submit(() -> other.get(subject, () -> {
				fetches.incrementAndGet();
				return new FreshToken("a-second-refresh", Duration.ofHours(2));
			})));
		}
		assertThat(slow.get(30, TimeUnit.SECONDS).token()).isEqualTo("slow-but-alive");
		for (Future<CachedToken> caller : callers) {
			assertThat(caller.get(30, TimeUnit.SECONDS).token()).isEqualTo("slow-but-alive");
		}
		assertThat(fetches).as("one refresh: the lock outlived its 1 s lease while its holder worked").hasValue(1);
	}

	private LockLeases leases() {
		LockLeases leases = new LockLeases(this.redis, SETTINGS);
		this.leases.add(leases);
		return leases;
	}

	private TokenCache cache(LockLeases leases) {
		return new TokenCache(this.redis, this.keys, SETTINGS, this.schedule, this.health, leases, this.outcomes,
				new TokenMetrics(new SimpleMeterRegistry()), this.clock);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

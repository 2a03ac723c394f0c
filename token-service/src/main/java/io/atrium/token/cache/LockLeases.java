package io.atrium.token.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps refresh locks alive while their holder works. A lock is taken with a short lease
 * ({@link TokenSettings#lockLease()}, 1 s) and renewed every third of it until it is released, so that a holder that
 * dies ({@code kill -9}, a lost network) frees its lock within one lease and a caller waiting on any instance takes
 * over well inside its wait limit, while a live holder whose WeChat call is slow keeps the lock as long as it needs.
 * A renewal only extends a lock that is still the holder's: one released, evicted or taken over stays so.
 */
@Component
class LockLeases implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LockLeases.class);

	private static final RedisScript<Long> RENEW_IF_HELD = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				return redis.call('PEXPIRE', KEYS[1], ARGV[2])
			end
			return 0""", Long.class);

	private final StringRedisTemplate redis;

	private final Duration lease;

	private final ScheduledExecutorService renewals;

	LockLeases(StringRedisTemplate redis, TokenSettings settings) {
		this.redis = redis;
		this.lease = settings.lockLease();
		CustomizableThreadFactory threads = new CustomizableThreadFactory("token-lock-renewal-");
		threads.setDaemon(true);
		this.renewals = Executors.newSingleThreadScheduledExecutor(threads);
	}

	/** The lease a lock is taken with. */
	Duration lease() {
		return this.lease;
	}

	/**
	 * Renews the lock every third of its lease until the returned hold is closed.
	 * @param lockKey the lock
	 * @param owner the value the holder set it to
	 */
	Hold hold(String lockKey, String owner) {
		long period = Math.max(1, this.lease.toMillis() / 3);
		ScheduledFuture<?> renewal = this.renewals.scheduleAtFixedRate(() -> renew(lockKey, owner), period, period,
				TimeUnit.MILLISECONDS);
		return () -> renewal.cancel(false);
	}

	private void renew(String lockKey, String owner) {
		try {
			this.redis.execute(RENEW_IF_HELD, List.of(lockKey), owner, String.valueOf(this.lease.toMillis()));
		}
		catch (RuntimeException ex) {
			// The next renewal tries again; if Redis stays away the lease lapses, as it must.
			logger.debug("Could not renew a refresh lock: {}", ex.getClass().getSimpleName());
		}
	}

	@Override
	public void destroy() {
		this.renewals.shutdownNow();
	}

	/** A lock kept alive until closed. */
	@FunctionalInterface
	interface Hold extends AutoCloseable {

		@Override
		void close();

	}

}

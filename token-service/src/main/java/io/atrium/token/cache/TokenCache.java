package io.atrium.token.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.atrium.token.redis.RedisKeyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Access tokens in Redis, refreshed single-flight across threads and instances.
 * <p>
 * Reading is one {@code GET}. A miss takes a Redis lock with a short lease that {@link LockLeases} renews while the
 * refresh runs, checks the cache again (another instance may have just refreshed), fetches, writes, and schedules
 * the next proactive refresh. A holder that dies frees the lock within one lease. Callers that do not get the
 * lock poll the cache for at most {@link TokenSettings#maxWait()}, then fail: nobody waits without a limit. A
 * failed fetch is remembered for a moment, so that waiters fail with it instead of each asking WeChat again.
 * Validity is judged by the injected {@link Clock} (Redis TTLs only clean up), so tests can move time. Every
 * refresh's outcome is recorded for operators ({@link #health}, {@link #failing}), best effort.
 */
@Component
public class TokenCache {

	private static final Logger logger = LoggerFactory.getLogger(TokenCache.class);

	private static final Duration FAILURE_MEMORY = Duration.ofSeconds(2);

	private static final int MGET_BATCH = 1000;

	/** Deletes the cached token only if it is still the given one: a stale report must not evict a fresh token. */
	private static final RedisScript<Long> DELETE_IF_TOKEN = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if value then
				local bar = string.find(value, '|', 1, true)
				if bar and string.sub(value, bar + 1) == ARGV[1] then
					return redis.call('DEL', KEYS[1])
				end
			end
			return 0""", Long.class);

	/**
	 * Writes the token only while the lock is still ours: a refresh that outlived its lease must not overwrite the
	 * token of the refresh that took over.
	 */
	private static final RedisScript<Long> SET_IF_LOCK_HELD = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
				return 1
			end
			return 0""", Long.class);

	private static final RedisScript<Long> RELEASE_LOCK = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				return redis.call('DEL', KEYS[1])
			end
			return 0""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final TokenSettings settings;

	private final RefreshSchedule schedule;

	private final TokenHealthRecorder health;

	private final LockLeases leases;

	private final RefreshOutcomes outcomes;

	private final TokenMetrics metrics;

	private final Clock clock;

	private final LongAdder callerRefreshes = new LongAdder();

	TokenCache(StringRedisTemplate redis, RedisKeyspace keys, TokenSettings settings, RefreshSchedule schedule,
			TokenHealthRecorder health, LockLeases leases, RefreshOutcomes outcomes, TokenMetrics metrics, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.schedule = schedule;
		this.health = health;
		this.leases = leases;
		this.outcomes = outcomes;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** The cached token of a subject, if there is one still valid now. */
	public Optional<CachedToken> read(TokenSubject subject) {
		return valid(this.redis.opsForValue().get(tokenKey(subject)), this.clock.instant());
	}

	/**
	 * How many of the subjects have no valid cached token now: one {@code MGET} per {@value #MGET_BATCH} subjects
	 * rather than a round trip each (on a Redis Cluster Spring Data Redis answers a cross-slot MGET key by key).
	 */
	public long countWithoutValidToken(List<TokenSubject> subjects) {
		Instant now = this.clock.instant();
		long without = 0;
		for (int from = 0; from < subjects.size(); from += MGET_BATCH) {
			List<String> keys = subjects.subList(from, Math.min(from + MGET_BATCH, subjects.size()))
				.stream()
				.map(this::tokenKey)
				.toList();
			List<String> values = this.redis.opsForValue().multiGet(keys);
			for (int i = 0; i < keys.size(); i++) {
				if (valid((values != null) ? values.get(i) : null, now).isEmpty()) {
					without++;
				}
			}
		}
		return without;
	}

	/**
	 * The subject's token: from the cache, or refreshed single-flight when the cache has none.
	 * @throws TokenUnavailableException when no token could be had within the wait limit
	 */
	public CachedToken get(TokenSubject subject, TokenSource source) {
		return orRefresh(subject, read(subject), source);
	}

	/**
	 * As {@link #get(TokenSubject, TokenSource)}, with the cache's value already read by the caller at
	 * {@link #tokenKey(TokenSubject)} (in a script that did more under the subject's hash tag, in the same round trip).
	 * @param value what the key held, or null when nothing
	 */
	public CachedToken get(TokenSubject subject, String value, TokenSource source) {
		return orRefresh(subject, valid(value, this.clock.instant()), source);
	}

	/**
	 * Where the subject's token is cached: for a caller's script that reads it together with other keys under
	 * {@link TokenSubject#tag()}, then hands the value to {@link #get(TokenSubject, String, TokenSource)}.
	 */
	public String tokenKey(TokenSubject subject) {
		return this.keys.tagged(subject.tag(), "access-token");
	}

	private CachedToken orRefresh(TokenSubject subject, Optional<CachedToken> cached, TokenSource source) {
		if (cached.isPresent()) {
			return cached.get();
		}
		this.callerRefreshes.increment();
		return refreshSingleFlight(subject, source, Optional::isPresent, true);
	}

	/**
	 * Refreshes a token that is due for proactive refresh, unless another instance is refreshing it right now or
	 * already has. Never waits.
	 * @return the refreshed token, or empty when there was nothing to do here
	 */
	public Optional<CachedToken> refreshIfDue(TokenSubject subject, TokenSource source) {
		Instant now = this.clock.instant();
		AtomicReference<CachedToken> notDueYet = new AtomicReference<>();
		Predicate<Optional<CachedToken>> notDue = (current) -> {
			Optional<CachedToken> later = current.filter((token) -> token.refreshAt().isAfter(now));
			later.ifPresent(notDueYet::set);
			return later.isPresent();
		};
		CachedToken result = refreshSingleFlight(subject, source, notDue, false);
		CachedToken current = notDueYet.get();
		if (current != null) {
			// Claimed but not due (a schedule rebuilt after a flush lists a token another instance had just
			// fetched): back to when it is due, instead of coming back every claim lease.
			this.schedule.schedule(subject, current.refreshAt());
		}
		return Optional.ofNullable(result);
	}

	/**
	 * Evicts the cached token if it is still the one that failed (WeChat said 40001/40014/42001 for it).
	 * @return whether it was evicted; false when another caller already replaced it
	 */
	public boolean invalidateIfSame(TokenSubject subject, String failedToken) {
		Long deleted = this.redis.execute(DELETE_IF_TOKEN, List.of(tokenKey(subject)), failedToken);
		return deleted != null && deleted > 0;
	}

	/**
	 * Forgets a subject's token and schedule entry, and stops counting it as failing (the account was revoked). Its
	 * health record stays until it expires: the last error may be what explains the revocation.
	 */
	public void evict(TokenSubject subject) {
		// The refresh lock too: a refresh in flight writes its token only while it holds the lock, so it cannot
		// cache a token for an account revoked meanwhile. Same hash tag, so one DEL on a cluster as well.
		this.redis.delete(List.of(tokenKey(subject), lockKey(subject)));
		this.schedule.remove(subject);
		this.health.forget(subject);
	}

	/** When the subject's token was last refreshed and last failed to refresh, and why; never the token. */
	public TokenHealth health(TokenSubject subject) {
		return this.health.health(subject);
	}

	/** How many subjects are failing to refresh, and up to {@code limit} of them, longest failing first. */
	public FailingTokens failing(int limit) {
		return this.health.failing(limit);
	}

	/**
	 * The accounts (appids) whose token fails to refresh, up to {@code limit} of them, longest failing first: the
	 * consoles' filters read this one sorted set instead of every account's health.
	 */
	public Set<String> failingAuthorizers(int limit) {
		return this.health.failing(limit)
			.longest()
			.stream()
			.map(FailingTokens.Entry::subject)
			.filter((subject) -> subject.kind() == TokenSubject.Kind.AUTHORIZER)
			.map(TokenSubject::appId)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** How many tokens' proactive refresh is overdue now (see {@link RefreshSchedule#countOverdue}). */
	public long overdueRefreshes() {
		return this.schedule.countOverdue(this.clock.instant());
	}

	/** How many callers found no valid token and had to refresh or wait for a refresh, since start-up. */
	public long callerRefreshes() {
		return this.callerRefreshes.sum();
	}

	private CachedToken refreshSingleFlight(TokenSubject subject, TokenSource source,
			Predicate<Optional<CachedToken>> done, boolean wait) {
		long deadline = System.nanoTime() + this.settings.maxWait().toNanos();
		String lockKey = lockKey(subject);
		String failureKey = this.keys.tagged(subject.tag(), "failed");
		// When this caller started waiting on another's refresh (0: not waiting), for the lock-wait timer.
		long waitingSince = 0;
		while (true) {
			String owner = UUID.randomUUID().toString();
			Boolean acquired = this.redis.opsForValue()
				.setIfAbsent(lockKey, owner, this.leases.lease().toMillis(), TimeUnit.MILLISECONDS);
			if (Boolean.TRUE.equals(acquired)) {
				if (waitingSince != 0) {
					this.metrics.waited(subject, "took-over", waitingSince);
				}
				try (LockLeases.Hold held = this.leases.hold(lockKey, owner)) {
					Optional<CachedToken> current = read(subject);
					if (done.test(current)) {
						return current.orElse(null);
					}
					return fetchAndStore(subject, source, lockKey, owner, failureKey);
				}
				finally {
					this.redis.execute(RELEASE_LOCK, List.of(lockKey), owner);
				}
			}
			if (!wait) {
				return null;
			}
			if (waitingSince == 0) {
				waitingSince = System.nanoTime();
			}
			Optional<CachedToken> current = read(subject);
			if (done.test(current)) {
				this.metrics.waited(subject, "refreshed", waitingSince);
				return current.get();
			}
			String failure = this.redis.opsForValue().get(failureKey);
			if (failure != null) {
				this.metrics.waited(subject, "failed", waitingSince);
				throw new TokenUnavailableException(subject, "a concurrent refresh failed: " + failure);
			}
			if (System.nanoTime() > deadline) {
				this.metrics.waited(subject, "timeout", waitingSince);
				throw new TokenUnavailableException(subject,
						"no refreshed token within " + this.settings.maxWait().toMillis() + " ms");
			}
			pause();
		}
	}

	private CachedToken fetchAndStore(TokenSubject subject, TokenSource source, String lockKey, String owner,
			String failureKey) {
		TokenSource.FreshToken fresh;
		long started = System.nanoTime();
		try {
			fresh = source.fetch();
		}
		catch (RuntimeException ex) {
			// The operator-safe reason, not the message: waiters put it into their exception, which reaches logs.
			String reason = TokenHealthRecorder.reason(ex);
			this.redis.opsForValue().set(failureKey, reason, FAILURE_MEMORY);
			this.health.failed(subject, reason);
			this.outcomes.failed(subject, ex);
			this.metrics.refreshFailed(subject, RefreshOutcomes.outcome(ex), started);
			throw ex;
		}
		this.metrics.refreshed(subject, started);
		CachedToken token = cachedToken(fresh);
		long ttl = Duration.between(this.clock.instant(), token.validUntil()).toMillis();
		if (ttl > 0) {
			Long written = this.redis.execute(SET_IF_LOCK_HELD, List.of(lockKey, tokenKey(subject)), owner,
					token.encode(), String.valueOf(ttl));
			if (written != null && written > 0) {
				this.schedule.schedule(subject, token.refreshAt());
			}
			else {
				// The caller still gets a token WeChat just issued; the cache keeps the newer one.
				logger.warn("Refresh of {} outlived its lock lease; its token was not cached", subject);
			}
		}
		// WeChat issued a token even when the cache kept a newer one: the subject is not failing.
		this.health.refreshed(subject);
		this.outcomes.succeeded(subject);
		this.redis.delete(failureKey);
		logger.debug("Refreshed {} token, valid until {}", subject, token.validUntil());
		return token;
	}

	/**
	 * The token with its margins, from the lifetime WeChat answered: valid until the safety margin before expiry,
	 * due the refresh-ahead margin before that, less a random part of the spread (see {@link TokenSettings}).
	 */
	private CachedToken cachedToken(TokenSource.FreshToken fresh) {
		Duration lifetime = fresh.lifetime();
		Instant validUntil = this.clock.instant().plus(lifetime).minus(this.settings.safetyMarginFor(lifetime));
		long spread = this.settings.refreshSpreadFor(lifetime).toMillis();
		long advance = (spread > 0) ? ThreadLocalRandom.current().nextLong(spread + 1) : 0;
		Instant refreshAt = validUntil.minus(this.settings.refreshAheadFor(lifetime)).minusMillis(advance);
		return new CachedToken(fresh.token(), validUntil, refreshAt);
	}

	/**
	 * Caches a token obtained outside a refresh (onboarding's {@code api_query_auth} returns the first access
	 * token), and schedules its proactive refresh, so that the first caller does not pay for another refresh. Counts
	 * as a refresh in the subject's health.
	 */
	public CachedToken store(TokenSubject subject, TokenSource.FreshToken fresh) {
		CachedToken token = cachedToken(fresh);
		long ttl = Duration.between(this.clock.instant(), token.validUntil()).toMillis();
		if (ttl > 0) {
			this.redis.opsForValue().set(tokenKey(subject), token.encode(), ttl, TimeUnit.MILLISECONDS);
			this.schedule.schedule(subject, token.refreshAt());
		}
		this.health.refreshed(subject);
		return token;
	}

	/** A cached value as a token, if it is one and still valid at {@code now}. */
	private static Optional<CachedToken> valid(String value, Instant now) {
		return Optional.ofNullable((value != null) ? CachedToken.decode(value) : null)
			.filter((token) -> token.validUntil().isAfter(now));
	}

	private String lockKey(TokenSubject subject) {
		return this.keys.tagged(subject.tag(), "lock");
	}

	private void pause() {
		try {
			Thread.sleep(this.settings.pollInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a token refresh", ex);
		}
	}

}

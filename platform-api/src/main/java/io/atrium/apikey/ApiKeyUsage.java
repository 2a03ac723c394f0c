package io.atrium.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.atrium.token.redis.RedisKeyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each key's requests and last use, for the console. Counted in memory per request (no Redis round trip on the hot
 * path) and added to Redis every few seconds, one script per key used meanwhile, so every instance's requests add
 * up. What an instance had not yet added when it died is lost: these are operators' figures, not billing.
 */
@Component
public class ApiKeyUsage {

	private static final Logger logger = LoggerFactory.getLogger(ApiKeyUsage.class);

	/** Adds the calls and keeps the later of the last uses. */
	private static final RedisScript<Long> ADD = RedisScript.of("""
			redis.call('HINCRBY', KEYS[1], 'calls', ARGV[1])
			local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
			if tonumber(ARGV[2]) > last then
				redis.call('HSET', KEYS[1], 'last', ARGV[2])
			end
			return 1""", Long.class);

	private final Map<Long, Tally> pending = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	private final RedisKeyspace keyspace;

	private final Clock clock;

	ApiKeyUsage(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock) {
		this.redis = redis;
		this.keyspace = keyspace;
		this.clock = clock;
	}

	/** One request authenticated with this key. */
	void used(long keyId) {
		Tally tally = this.pending.computeIfAbsent(keyId, (id) -> new Tally());
		tally.calls.increment();
		tally.last.accumulateAndGet(this.clock.millis(), Math::max);
	}

	/**
	 * Adds what this instance counted to Redis. A tally stays in the map and is read with {@code sumThenReset}: taking
	 * it out first lost the requests counted on it between the removal and the sum. One flush at a time, so that two
	 * never both add the same calls.
	 */
	@Scheduled(fixedDelayString = "${atrium.api-keys.usage-flush:5s}")
	public synchronized void flush() {
		for (Map.Entry<Long, Tally> entry : this.pending.entrySet()) {
			Tally tally = entry.getValue();
			long calls = tally.calls.sumThenReset();
			if (calls == 0) {
				continue;
			}
			try {
				this.redis.execute(ADD, List.of(key(entry.getKey())), Long.toString(calls),
						Long.toString(tally.last.get()));
			}
			catch (RuntimeException ex) {
				// Kept for the next flush rather than lost.
				tally.calls.add(calls);
				logger.warn("Could not add API key usage to Redis: {}", ex.toString());
				return;
			}
		}
	}

	/** Requests and last use of these keys, by every instance, as far as added to Redis. */
	public Map<Long, KeyUse> uses(List<ApiKey> keys) {
		Map<Long, KeyUse> uses = new HashMap<>();
		for (ApiKey key : keys) {
			Map<Object, Object> entries = this.redis.opsForHash().entries(key(key.id()));
			long calls = entries.containsKey("calls") ? Long.parseLong((String) entries.get("calls")) : 0;
			Instant last = entries.containsKey("last") ? Instant.ofEpochMilli(Long.parseLong((String) entries.get("last")))
					: null;
			uses.put(key.id(), new KeyUse(calls, last));
		}
		return uses;
	}

	private String key(long keyId) {
		return this.keyspace.key("api-key-usage", Long.toString(keyId));
	}

	/**
	 * A key's use.
	 *
	 * @param calls requests authenticated with it
	 * @param lastUsed when last, or null if never
	 */
	public record KeyUse(long calls, Instant lastUsed) {

	}

	/** One key's requests not yet added to Redis, and its latest use (kept: Redis keeps the later of two). */
	private static final class Tally {

		final LongAdder calls = new LongAdder();

		final AtomicLong last = new AtomicLong();

	}

}

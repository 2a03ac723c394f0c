package io.atrium.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.atrium.token.redis.RedisKeyspace;
import io.atrium.wechat.WeChatError;

import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Admits each call of an API for an account, across every instance, in one Redis round trip: the account's quota
 * breaker for the API is closed ({@link QuotaBreaker}) and its token bucket has a call left per minute and per day.
 * <p>
 * One Lua script reads the breaker, refills the bucket by the time elapsed and takes one call, atomically: its cost
 * does not grow with concurrency (bucket4j's compare-and-swap, which this replaced, retried under contention: 4.5
 * round trips per request at 16 concurrent callers of one account, 29.9 at 64). The keys share the account's hash
 * tag, so the script runs on a Redis Cluster too. Idle buckets expire.
 * <p>
 * Two clocks, each for what it measures. A bucket refills by Redis's own {@code TIME}: one clock for every instance,
 * which no instance's clock can move. Refilled by the instances' clocks, one set an hour ahead refilled every bucket
 * it touched while WeChat's minute still held the calls just made (the fault run's clock jump: four 45011 answers).
 * The breaker's opening runs to a time of the WeChat day, which the application's {@link Clock} decides, as
 * everywhere else.
 */
public final class AccountRateLimiter {

	/**
	 * KEYS[1] the bucket (hash: m and d, the calls left this minute and day, fractional; t, when last refilled);
	 * KEYS[2] the breaker ({@code <open until ms>:<errcode>}), optional; KEYS[3] a string read once taken (the
	 * account's cached token), optional. ARGV: the application's now (ms, for the breaker), per minute, per day (0:
	 * none). Answers {0} or {0, KEYS[3]'s value} when taken, {1, open until (epoch ms), errcode} while the breaker
	 * is open, {2, ms to wait} when empty.
	 */
	private static final RedisScript<List> ADMIT = RedisScript.of("""
			if KEYS[2] then
				local open = redis.call('GET', KEYS[2])
				if open then
					local separator = string.find(open, ':', 1, true)
					local untilMs = tonumber(string.sub(open, 1, separator - 1))
					if untilMs > tonumber(ARGV[1]) then
						return {1, untilMs, tonumber(string.sub(open, separator + 1))}
					end
				end
			end
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local perMinute = tonumber(ARGV[2])
			local perDay = tonumber(ARGV[3])
			local state = redis.call('HMGET', KEYS[1], 'm', 'd', 't')
			local m = tonumber(state[1]) or perMinute
			local d = tonumber(state[2]) or perDay
			local elapsed = math.max(0, now - (tonumber(state[3]) or now))
			m = math.min(perMinute, m + elapsed * perMinute / 60000)
			if perDay > 0 then
				d = math.min(perDay, d + elapsed * perDay / 86400000)
			end
			local taken = m >= 1 and (perDay == 0 or d >= 1)
			if taken then
				m = m - 1
				if perDay > 0 then
					d = d - 1
				end
			end
			redis.call('HSET', KEYS[1], 'm', tostring(m), 'd', tostring(d), 't', tostring(now))
			redis.call('PEXPIRE', KEYS[1], (perDay > 0) and 86400000 or 120000)
			if taken then
				local value = KEYS[3] and redis.call('GET', KEYS[3])
				if value then
					return {0, value}
				end
				return {0}
			end
			local wait = math.ceil((1 - math.min(m, 1)) * 60000 / perMinute)
			if perDay > 0 and d < 1 then
				wait = math.max(wait, math.ceil((1 - d) * 86400000 / perDay))
			end
			return {2, wait}""", List.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keyspace;

	private final WeChatApis apis;

	private final Clock clock;

	private final UpstreamMetrics metrics;

	public AccountRateLimiter(StringRedisTemplate redis, RedisKeyspace keyspace, WeChatApis apis, Clock clock,
			UpstreamMetrics metrics) {
		this.redis = redis;
		this.keyspace = keyspace;
		this.apis = apis;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Admits one call of this API for this account and, in the same round trip, reads a string key of the
	 * account's (its cached access token): a call costs one Redis round trip, not one to admit and one for the token.
	 * @param accountKey a key under the account's hash tag ({@code {authorizer:<appid>}}), so that on a Redis
	 * Cluster it is on the same node as the bucket
	 * @return what the key held, or null when nothing
	 * @throws RateLimitedException while the API's quota breaker is open for the account, or its bucket is empty
	 */
	public String acquireAndRead(String appId, WeChatApi api, String accountKey) {
		if (!accountKey.contains(QuotaBreaker.accountTag(appId))) {
			throw new IllegalArgumentException("Not a key under the account's hash tag: " + accountKey);
		}
		List<?> answer = this.redis.execute(ADMIT,
				List.of(bucketKey(appId, api), QuotaBreaker.key(this.keyspace, appId, api), accountKey),
				Long.toString(this.clock.millis()), Integer.toString(api.perMinute()),
				Integer.toString(this.apis.perDay()));
		long outcome = ((Number) answer.get(0)).longValue();
		if (outcome == 1) {
			// From the clock at full precision, not the millisecond passed to the script: never longer than it is.
			Instant until = Instant.ofEpochMilli(((Number) answer.get(1)).longValue());
			Duration open = Duration.between(this.clock.instant(), until);
			open = open.isNegative() ? Duration.ZERO : open;
			WeChatError error = new WeChatError(((Number) answer.get(2)).intValue(), null);
			this.metrics.rejected(api, UpstreamMetrics.Rejection.BREAKER);
			throw new RateLimitedException(appId, api, open, error,
					"Quota breaker open (WeChat errcode " + error.errcode() + ")");
		}
		if (outcome == 2) {
			this.metrics.rejected(api, UpstreamMetrics.Rejection.LIMIT);
			throw new RateLimitedException(appId, api, roundUp(Duration.ofMillis(((Number) answer.get(1)).longValue())),
					null, "Atrium's call limit reached");
		}
		return (answer.size() > 1) ? (String) answer.get(1) : null;
	}

	/**
	 * Takes one request from a bucket of the same limiter that is not an account's, with a per-minute limit only: an
	 * API key's own limit, say.
	 * @return empty when taken, else how long until one is free
	 */
	public Optional<Duration> tryTake(String bucket, int perMinute) {
		List<?> answer = this.redis.execute(ADMIT, List.of(this.keyspace.key("limit", bucket)), "0",
				Integer.toString(perMinute), "0");
		return (((Number) answer.get(0)).longValue() == 0) ? Optional.empty()
				: Optional.of(roundUp(Duration.ofMillis(((Number) answer.get(1)).longValue())));
	}

	/**
	 * Calls left in each account's bucket for the API, in the order asked, for the operations views, in one round trip
	 * (a pipeline, with Redis's {@code TIME}: the clock the buckets refill by); reading never changes a bucket. A
	 * bucket that does not exist (never used, or expired) is full.
	 */
	public List<Long> available(List<AccountApi> asked) {
		if (asked.isEmpty()) {
			return List.of();
		}
		List<Object> answers = RedisPipeline.read(this.redis, (operations) -> {
			operations.execute((RedisCallback<Long>) (connection) -> connection.serverCommands().time());
			HashOperations<String, Object, Object> hashes = operations.opsForHash();
			for (AccountApi one : asked) {
				hashes.multiGet(bucketKey(one.appId(), one.api()), List.of("m", "d", "t"));
			}
		});
		long now = (Long) answers.get(0);
		List<Long> available = new ArrayList<>(asked.size());
		for (int i = 0; i < asked.size(); i++) {
			available.add(available(asked.get(i).api(), (List<?>) answers.get(i + 1), now));
		}
		return available;
	}

	/** What a bucket's state (minute tokens, day tokens, last refill) holds at {@code now}. */
	private long available(WeChatApi api, List<?> state, long now) {
		int perDay = this.apis.perDay();
		if (state.get(2) == null) {
			return Math.min(api.perMinute(), perDay);
		}
		long elapsed = Math.max(0, now - (long) Double.parseDouble((String) state.get(2)));
		double minute = Math.min(api.perMinute(),
				Double.parseDouble((String) state.get(0)) + elapsed * api.perMinute() / 60_000.0);
		double day = Math.min(perDay, Double.parseDouble((String) state.get(1)) + elapsed * perDay / 86_400_000.0);
		return (long) Math.floor(Math.max(0, Math.min(minute, day)));
	}

	String bucketKey(String appId, WeChatApi api) {
		return QuotaBreaker.accountKey(this.keyspace, appId, "limit:" + api.key());
	}

	private static Duration roundUp(Duration wait) {
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Duration.ofSeconds(Math.max(1, seconds));
	}

}

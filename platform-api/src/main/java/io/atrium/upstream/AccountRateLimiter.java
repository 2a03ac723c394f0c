package io.atrium.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.atrium.token.redis.RedisKeyspace;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A token bucket per account and API, held in Redis (bucket4j, compare-and-swap), so that every instance takes
 * from the same bucket: two instances hammering one account together stay within its limit.
 */
public final class AccountRateLimiter {

	private final RedisConnectionFactory connectionFactory;

	private final RedisKeyspace keyspace;

	private final WeChatApis apis;

	private final Clock clock;

	private volatile ProxyManager<byte[]> buckets;

	public AccountRateLimiter(RedisConnectionFactory connectionFactory, RedisKeyspace keyspace, WeChatApis apis,
			Clock clock) {
		this.connectionFactory = connectionFactory;
		this.keyspace = keyspace;
		this.apis = apis;
		this.clock = clock;
	}

	/**
	 * Takes one call from the account's bucket for this API.
	 * @throws RateLimitedException when the bucket is empty
	 */
	public void acquire(String appId, WeChatApi endpoint) {
		byte[] key = key(appId, endpoint);
		ConsumptionProbe probe = buckets().builder()
			.build(key, () -> configuration(endpoint))
			.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
			throw new RateLimitedException(appId, endpoint, roundUp(wait), null, "Atrium's call limit reached");
		}
	}

	/**
	 * Takes one request from a bucket of the same shared limiter that is not an account's, with a per-minute limit
	 * only: an API key's own limit, say.
	 * @return empty when taken, else how long until one is free
	 */
	public Optional<Duration> tryTake(String bucket, int perMinute) {
		byte[] key = this.keyspace.key("limit", bucket).getBytes(StandardCharsets.UTF_8);
		ConsumptionProbe probe = buckets().builder()
			.build(key, () -> BucketConfiguration.builder()
				.addLimit((limit) -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
				.build())
			.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Optional.empty()
				: Optional.of(roundUp(Duration.ofNanos(probe.getNanosToWaitForRefill())));
	}

	/**
	 * Calls left in the account's bucket for this API now, for the operations views. A bucket that does not exist
	 * (never used, or expired) is full; reading one never creates it.
	 */
	public long available(String appId, WeChatApi endpoint) {
		byte[] key = key(appId, endpoint);
		if (buckets().getProxyConfiguration(key).isEmpty()) {
			return Math.min(endpoint.perMinute(), this.apis.perDay());
		}
		return buckets().builder().build(key, () -> configuration(endpoint)).getAvailableTokens();
	}

	private byte[] key(String appId, WeChatApi endpoint) {
		return this.keyspace.key("content", "limit", appId, endpoint.key()).getBytes(StandardCharsets.UTF_8);
	}

	private BucketConfiguration configuration(WeChatApi endpoint) {
		int perMinute = endpoint.perMinute();
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
			.addLimit((limit) -> limit.capacity(this.apis.perDay()).refillGreedy(this.apis.perDay(),
					Duration.ofDays(1)))
			.build();
	}

	/** Built on first use: the Lettuce client exists only once the connection factory has started. */
	private ProxyManager<byte[]> buckets() {
		ProxyManager<byte[]> buckets = this.buckets;
		if (buckets == null) {
			synchronized (this) {
				buckets = this.buckets;
				if (buckets == null) {
					buckets = build();
					this.buckets = buckets;
				}
			}
		}
		return buckets;
	}

	private ProxyManager<byte[]> build() {
		AbstractRedisClient client = ((LettuceConnectionFactory) this.connectionFactory).getNativeClient();
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5));
		ClockTimeMeter time = new ClockTimeMeter(this.clock);
		if (client instanceof RedisClusterClient cluster) {
			return Bucket4jLettuce.casBasedBuilder(cluster).clientClock(time).expirationAfterWrite(expiry).build();
		}
		return Bucket4jLettuce.casBasedBuilder((RedisClient) client)
			.clientClock(time)
			.expirationAfterWrite(expiry)
			.build();
	}

	private static Duration roundUp(Duration wait) {
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Duration.ofSeconds(Math.max(1, seconds));
	}

}

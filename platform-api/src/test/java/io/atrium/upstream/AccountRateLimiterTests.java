package io.atrium.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.content.ContentIntegrationTests;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.redis.RedisKeyspace;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The one-script limiter against the test's Redis: limits per minute and per day, refills by Redis's clock and never
 * by an instance's, the breaker read in the same script (by the application's clock), and exactly the capacity
 * admitted under 64 concurrent callers; the account's token read in the same script.
 */
@Tag(TestRedis.TAG)
class AccountRateLimiterTests extends ContentIntegrationTests {

	@Autowired
	UpstreamMetrics metrics;


	private static final Instant NOON = Instant.parse("2026-12-04T04:00:00Z");

	@Autowired
	RedisKeyspace keyspace;

	@Test
	void admitsThePerMinuteCapacityThenSaysHowLongToWaitAndRefillsAsRedisTimePasses() {
		WeChatApi api = api("menu-get", 3);
		String appId = "wx-limit-" + System.nanoTime();
		AccountRateLimiter at = limiter(NOON, 100);
		assertThat(available(at, appId, api)).isEqualTo(3);
		for (int i = 0; i < 3; i++) {
			take(at, appId, api);
		}
		assertThat(available(at, appId, api)).isZero();
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> take(at, appId, api))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(20)))
			.satisfies((ex) -> assertThat(ex.error()).isNull());
		// A third of a minute later, by Redis's clock (the bucket's last refill moved that far back), one call is
		// back, not more.
		String bucket = at.bucketKey(appId, api);
		long refilled = (long) Double.parseDouble((String) this.redis.opsForHash().get(bucket, "t"));
		this.redis.opsForHash().put(bucket, "t", Long.toString(refilled - 20_000));
		assertThat(available(at, appId, api)).isEqualTo(1);
		take(at, appId, api);
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> take(at, appId, api));
	}

	@Test
	void anInstanceWhoseClockJumpsAnHourAheadGetsNoCallsBack() {
		WeChatApi api = api("menu-get", 3);
		String appId = "wx-jump-" + System.nanoTime();
		AccountRateLimiter at = limiter(NOON, 100);
		for (int i = 0; i < 3; i++) {
			take(at, appId, api);
		}
		// WeChat's minute still holds those three calls, whatever this instance's clock says.
		AccountRateLimiter jumped = limiter(NOON.plus(Duration.ofHours(1)), 100);
		assertThat(available(jumped, appId, api)).isZero();
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> take(jumped, appId, api))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
	}

	@Test
	void theDailyLimitHoldsWhenTheMinuteWouldAllowMore() {
		WeChatApi api = api("menu-get", 100);
		String appId = "wx-day-" + System.nanoTime();
		AccountRateLimiter at = limiter(NOON, 2);
		take(at, appId, api);
		take(at, appId, api);
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> take(at, appId, api))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThan(Duration.ofHours(11)));
	}

	@Test
	void anOpenBreakerRefusesInTheSameScriptWithWeChatsErrcode() {
		WeChatApi api = api("freepublish-batchget", 60);
		String appId = "wx-breaker-" + System.nanoTime();
		Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
		new QuotaBreaker(this.redis, this.keyspace, clock, this.metrics).trip(appId, api,
				new WeChatApiException(api.path(), new WeChatError(45009, "reach max api daily quota limit")));
		AccountRateLimiter at = limiter(NOON, 100);
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> take(at, appId, api))
			.satisfies((ex) -> assertThat(ex.error().errcode()).isEqualTo(45009))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofHours(12)));
		// The refused call took nothing from the bucket.
		assertThat(available(at, appId, api)).isEqualTo(60);
		new QuotaBreaker(this.redis, this.keyspace, clock, this.metrics).close(appId, api);
		take(at, appId, api);
	}

	@Test
	void sixtyFourCallersAtOnceGetExactlyTheCapacity() throws Exception {
		// The capacity is the day's (100 a day refill one call per 864 s): refilled per minute, a machine slow enough
		// to spend 0.6 s on the 640 attempts would earn the bucket another call, and the count would say so.
		WeChatApi api = api("menu-get", 100);
		String appId = "wx-race-" + System.nanoTime();
		AccountRateLimiter at = limiter(NOON, 100);
		List<Callable<Integer>> callers = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			callers.add(() -> {
				int admitted = 0;
				for (int attempt = 0; attempt < 10; attempt++) {
					try {
						take(at, appId, api);
						admitted++;
					}
					catch (RateLimitedException ex) {
						// refused: the bucket is empty
					}
				}
				return admitted;
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(64);
		int admitted = 0;
		try {
			for (Future<Integer> caller : pool.invokeAll(callers)) {
				admitted += caller.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(admitted).isEqualTo(100);
	}

	@Test
	void admittingReadsTheAccountsTokenInTheSameScriptAndNothingWhenRefused() {
		WeChatApi api = api("menu-get", 2);
		String appId = "wx-read-" + System.nanoTime();
		String tokenKey = this.keyspace.tagged("authorizer:" + appId, "access-token");
		AccountRateLimiter at = limiter(NOON, 100);
		assertThat(at.acquireAndRead(appId, api, tokenKey)).as("no token cached yet").isNull();
		this.redis.opsForValue().set(tokenKey, "1765000000000,1764990000000|the-token");
		assertThat(at.acquireAndRead(appId, api, tokenKey)).isEqualTo("1765000000000,1764990000000|the-token");
		assertThat(available(at, appId, api)).as("each read was an admission").isZero();
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> at.acquireAndRead(appId, api, tokenKey));
		// A key of another account would sit on another Cluster slot than the bucket: refused before Redis.
		String otherKey = this.keyspace.tagged("authorizer:wx-someone-else", "access-token");
		assertThatIllegalArgumentException().isThrownBy(() -> at.acquireAndRead(appId, api, otherKey));
	}

	@Test
	void aKeysOwnBucketHasAPerMinuteLimitOnly() {
		AccountRateLimiter at = limiter(NOON, 1);
		String bucket = "api-key:test-" + System.nanoTime();
		assertThat(at.tryTake(bucket, 2)).isEmpty();
		assertThat(at.tryTake(bucket, 2)).isEmpty();
		assertThat(at.tryTake(bucket, 2)).hasValue(Duration.ofSeconds(30));
	}

	/** One admission, as every caller makes it: with the read of the account's token key. */
	private String take(AccountRateLimiter limiter, String appId, WeChatApi api) {
		return limiter.acquireAndRead(appId, api, this.keyspace.tagged("authorizer:" + appId, "access-token"));
	}

	private AccountRateLimiter limiter(Instant now, int perDay) {
		return new AccountRateLimiter(this.redis, this.keyspace,
				new WeChatApis(new UpstreamProperties(null, null, perDay, 60, Map.of(), null, null)),
				Clock.fixed(now, ZoneOffset.UTC), this.metrics);
	}

	private static long available(AccountRateLimiter limiter, String appId, WeChatApi api) {
		return limiter.available(List.of(new AccountApi(appId, api))).get(0);
	}

	private static WeChatApi api(String key, int perMinute) {
		return new WeChatApi(key, "GET", "/cgi-bin/" + key, List.of(), perMinute, true);
	}

}

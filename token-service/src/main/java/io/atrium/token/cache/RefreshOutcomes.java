package io.atrium.token.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.token.redis.RedisKeyspace;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.wechat.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token refreshes per WeChat day and outcome, platform-wide, for the dashboard's charts: one Redis hash per day
 * ({@code <prefix>{token-day:<yyyy-MM-dd>}:refreshes}), field {@code <component|authorizer>:<outcome>} where the
 * outcome is {@code ok}, {@code errcode-<n>} (WeChat refused), {@code no-answer} (WeChat unreachable or outside its
 * protocol) or {@code other}. The fields are bounded by WeChat's errcodes, never by accounts: no appid in a key or a
 * field. Kept two days, like the content calls; the usage roll-up copies each day into PostgreSQL. Best effort: a
 * Redis error is logged and never changes the refresh's outcome.
 */
@Component
public class RefreshOutcomes {

	/**
	 * WeChat's day, as platform-api's {@code WeChatDay} (token-service sits below it): quotas and the dashboard's
	 * days run from midnight in China.
	 */
	public static final ZoneId WECHAT_ZONE = ZoneId.of("Asia/Shanghai");

	public static final String OK = "ok";

	private static final Duration RETENTION = Duration.ofDays(2);

	private static final RedisScript<Long> COUNT = RedisScript.of("""
			redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
			return redis.call('EXPIRE', KEYS[1], ARGV[2])""", Long.class);

	private static final Logger logger = LoggerFactory.getLogger(RefreshOutcomes.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final Clock clock;

	public RefreshOutcomes(StringRedisTemplate redis, RedisKeyspace keys, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
	}

	/** WeChat issued the subject a token in a refresh. */
	public void succeeded(TokenSubject subject) {
		count(subject, OK);
	}

	/** A refresh of the subject failed. */
	public void failed(TokenSubject subject, RuntimeException failure) {
		count(subject, outcome(failure));
	}

	/** Refreshes on a WeChat day per {@code <kind>:<outcome>}. */
	public Map<String, Long> counts(LocalDate day) {
		Map<String, Long> counts = new HashMap<>();
		this.redis.<String, String>opsForHash()
			.entries(key(day))
			.forEach((field, count) -> counts.put(field, Long.parseLong(count)));
		return counts;
	}

	/** The WeChat day the injected clock is in. */
	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), WECHAT_ZONE);
	}

	static String outcome(RuntimeException failure) {
		if (failure instanceof WeChatApiException wechat) {
			return "errcode-" + wechat.errcode();
		}
		if (failure instanceof WeChatUnavailableException) {
			return "no-answer";
		}
		return "other";
	}

	private void count(TokenSubject subject, String outcome) {
		String field = subject.kind().name().toLowerCase(Locale.ROOT) + ":" + outcome;
		try {
			this.redis.execute(COUNT, List.of(key(today())), field, Long.toString(RETENTION.toSeconds()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not count a token refresh ({})", ex.getClass().getSimpleName());
		}
	}

	private String key(LocalDate day) {
		return this.keys.tagged("token-day:" + day, "refreshes");
	}

}

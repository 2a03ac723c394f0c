package io.atrium.token.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atrium.token.message.ReleaseTestStatus.Outcome;
import io.atrium.token.message.ReleaseTestStatus.Step;
import io.atrium.token.redis.RedisKeyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The latest 全网发布 test as every instance saw it: one small Redis hash, {@code release-test:latest}, with the last
 * test account and time ({@code appid}, {@code seen-at}) and per step its account, time, outcome and detail
 * ({@code text.appid}, {@code text.at}, {@code text.outcome}, {@code text.detail}, ...), written with one script
 * (HSET and a 30-day PEXPIRE, renewed by every write). Recording is best effort: a Redis error is logged and never
 * fails the answer to WeChat.
 */
@Component
public class ReleaseTestLog {

	private static final Logger logger = LoggerFactory.getLogger(ReleaseTestLog.class);

	static final List<String> STEPS = List.of("text", "query_auth_code", "event");

	private static final Duration KEPT = Duration.ofDays(30);

	private static final RedisScript<Long> RECORD = RedisScript.of("""
			redis.call('HSET', KEYS[1], unpack(ARGV, 2))
			redis.call('PEXPIRE', KEYS[1], ARGV[1])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String key;

	private final Clock clock;

	private final ReleaseTestProperties properties;

	ReleaseTestLog(StringRedisTemplate redis, RedisKeyspace keys, Clock clock, ReleaseTestProperties properties) {
		this.redis = redis;
		this.key = keys.key("release-test", "latest");
		this.clock = clock;
		this.properties = properties;
	}

	/** A step's outcome on receipt of its message, which makes its account the last test seen. */
	void record(String step, String appId, Outcome outcome, String detail) {
		write(step, appId, outcome, detail, true);
	}

	/** A step's later outcome (the slow part of QUERY_AUTH_CODE, which finishes after WeChat got its answer). */
	void finish(String step, String appId, Outcome outcome, String detail) {
		write(step, appId, outcome, detail, false);
	}

	private void write(String step, String appId, Outcome outcome, String detail, boolean seen) {
		String now = String.valueOf(this.clock.millis());
		List<String> args = new ArrayList<>(List.of(String.valueOf(KEPT.toMillis())));
		if (seen) {
			args.addAll(List.of("appid", appId, "seen-at", now));
		}
		args.addAll(List.of(step + ".appid", appId, step + ".at", now, step + ".outcome", outcome.name(),
				step + ".detail", (detail != null) ? detail : ""));
		try {
			this.redis.execute(RECORD, List.of(this.key), args.toArray());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the 全网发布 step {} ({}): {}", step, outcome, ex.toString());
		}
	}

	/** What the console shows; one HGETALL. */
	public ReleaseTestStatus status() {
		Map<Object, Object> hash = this.redis.opsForHash().entries(this.key);
		List<Step> steps = new ArrayList<>();
		for (String step : STEPS) {
			String outcome = text(hash, step + ".outcome");
			String detail = text(hash, step + ".detail");
			steps.add(new Step(step, text(hash, step + ".appid"), time(hash, step + ".at"),
					(outcome != null) ? Outcome.valueOf(outcome) : null,
					(detail == null || detail.isEmpty()) ? null : detail));
		}
		return new ReleaseTestStatus(this.properties.enabled(), text(hash, "appid"), time(hash, "seen-at"), steps);
	}

	private static String text(Map<Object, Object> hash, String field) {
		Object value = hash.get(field);
		return (value != null) ? value.toString() : null;
	}

	private static Instant time(Map<Object, Object> hash, String field) {
		String value = text(hash, field);
		return (value != null) ? Instant.ofEpochMilli(Long.parseLong(value)) : null;
	}

}

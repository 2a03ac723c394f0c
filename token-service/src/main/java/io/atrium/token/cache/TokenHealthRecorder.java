package io.atrium.token.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.token.redis.RedisKeyspace;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.wechat.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token health for operators, in Redis. Per subject a hash {@code {<tag>}:health} with the last refresh, the last
 * failure and its reason; platform-wide a sorted set {@code failing-tokens} of the subjects failing now, scored by
 * when they started failing, so that the dashboard counts and lists them without reading every account.
 * <p>
 * Refreshes are recorded while the cache holds the subject's refresh lock, so they mostly arrive in order; a token
 * stored by onboarding, or a refresh that outlived its lease, may land between them, which the next outcome corrects.
 * Recording
 * is best effort: a Redis error here is logged and never turns a refresh that worked into a failure, nor hides the
 * failure that was being recorded.
 */
@Component
class TokenHealthRecorder {

	private static final Logger logger = LoggerFactory.getLogger(TokenHealthRecorder.class);

	/** Many refresh intervals long: it only cleans up after subjects that are gone. */
	private static final Duration KEEP = Duration.ofDays(30);

	/** WeChat's messages are short; a hint or a rid should not make a page row wrap for ever. */
	private static final int MAX_REASON = 200;

	private static final String REFRESHED_AT = "refreshed-at";

	private static final String FAILED_AT = "failed-at";

	private static final String FAILURE = "failure";

	/** Sets the field/value pairs {@code ARGV[2..]} and renews the expiry ({@code ARGV[1]} ms): one round trip. */
	private static final RedisScript<Long> RECORD = RedisScript.of("""
			redis.call('HSET', KEYS[1], unpack(ARGV, 2))
			return redis.call('PEXPIRE', KEYS[1], ARGV[1])""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final String failingKey;

	private final Clock clock;

	TokenHealthRecorder(StringRedisTemplate redis, RedisKeyspace keys, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		// Not tagged: it spans subjects, so no script touches it together with a subject's keys.
		this.failingKey = keys.key("failing-tokens");
		this.clock = clock;
	}

	/** WeChat issued the subject a token: it is not failing any more; its last failure stays on record. */
	void refreshed(TokenSubject subject) {
		try {
			record(subject, REFRESHED_AT, String.valueOf(this.clock.millis()));
			this.redis.opsForZSet().remove(this.failingKey, subject.tag());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the refresh of {} ({})", subject, ex.getClass().getSimpleName());
		}
	}

	/**
	 * A refresh of the subject failed.
	 * @param reason the failure in {@link #reason}'s words
	 */
	void failed(TokenSubject subject, String reason) {
		long now = this.clock.millis();
		try {
			record(subject, FAILED_AT, String.valueOf(now), FAILURE, reason);
			// NX: the score stays the first failure since the last success ("failing since").
			this.redis.opsForZSet().addIfAbsent(this.failingKey, subject.tag(), now);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the failed refresh of {} ({})", subject, ex.getClass().getSimpleName());
		}
	}

	/** The subject is gone (revoked): it is no longer counted as failing. Its hash expires on its own. */
	void forget(TokenSubject subject) {
		try {
			this.redis.opsForZSet().remove(this.failingKey, subject.tag());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove {} from the failing tokens ({})", subject, ex.getClass().getSimpleName());
		}
	}

	TokenHealth health(TokenSubject subject) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(healthKey(subject));
		return new TokenHealth(instant(fields.get(REFRESHED_AT)), instant(fields.get(FAILED_AT)),
				(String) fields.get(FAILURE));
	}

	FailingTokens failing(int limit) {
		Long count = this.redis.opsForZSet().zCard(this.failingKey);
		Set<TypedTuple<String>> longest = (limit > 0)
				? this.redis.opsForZSet().rangeWithScores(this.failingKey, 0, limit - 1) : Set.of();
		List<FailingTokens.Entry> entries = (longest != null) ? longest.stream()
			.map((entry) -> new FailingTokens.Entry(TokenSubject.fromTag(entry.getValue()),
					Instant.ofEpochMilli(entry.getScore().longValue())))
			.toList() : List.of();
		return new FailingTokens((count != null) ? count : 0, entries);
	}

	/**
	 * Words for a failure that are safe on a page and in Redis: WeChat's errcode and errmsg (WeChat's messages
	 * carry no secrets), Atrium's own words when WeChat did not answer, and otherwise only the failure's kind.
	 * Never an exception's message: those can quote a URL with an access token in its query.
	 */
	static String reason(RuntimeException failure) {
		String reason;
		if (failure instanceof WeChatApiException wechat) {
			String errmsg = wechat.error().errmsg();
			// Named by the API: an authorizer's refresh also fails when the platform's own token cannot be had.
			reason = wechat.api().substring(wechat.api().lastIndexOf('/') + 1) + " errcode " + wechat.errcode()
					+ ((errmsg != null) ? ": " + errmsg : "");
		}
		else if (failure instanceof WeChatUnavailableException unavailable) {
			reason = unavailable.summary();
		}
		else {
			reason = failure.getClass().getSimpleName();
		}
		return (reason.length() > MAX_REASON) ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
	}

	private void record(TokenSubject subject, String... fieldsAndValues) {
		String[] args = new String[fieldsAndValues.length + 1];
		args[0] = String.valueOf(KEEP.toMillis());
		System.arraycopy(fieldsAndValues, 0, args, 1, fieldsAndValues.length);
		this.redis.execute(RECORD, List.of(healthKey(subject)), (Object[]) args);
	}

	private String healthKey(TokenSubject subject) {
		return this.keys.tagged(subject.tag(), "health");
	}

	private static Instant instant(Object epochMillis) {
		if (epochMillis == null) {
			return null;
		}
		try {
			return Instant.ofEpochMilli(Long.parseLong((String) epochMillis));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}

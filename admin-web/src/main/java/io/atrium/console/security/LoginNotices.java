package io.atrium.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Failed attempts on each username since its last successful login, so that the user is told at their next login
 * (one hash per username in Redis, under the username's SHA-256 like the throttle's keys). The attempts are kept as
 * long as addresses are remembered: a user who logs in rarely still hears of them.
 */
class LoginNotices {

	/** KEYS[1] the user's notice; ARGV: now (ms), address, TTL (s). */
	private static final RedisScript<Long> RECORD = RedisScript.of("""
			local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
			redis.call('HSET', KEYS[1], 'latestAt', ARGV[1], 'latestAddress', ARGV[2])
			redis.call('EXPIRE', KEYS[1], ARGV[3])
			return count
			""", Long.class);

	/** KEYS[1] the user's notice: read and forgotten in one step, so two logins at once do not both show it. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TAKE = RedisScript.of("""
			local notice = redis.call('HMGET', KEYS[1], 'count', 'latestAt', 'latestAddress')
			redis.call('DEL', KEYS[1])
			if not notice[1] then
				return {}
			end
			return notice
			""", List.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final Duration keptFor;

	private final Clock clock;

	LoginNotices(StringRedisTemplate redis, RedisKeyspace keys, Duration keptFor, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.keptFor = keptFor;
		this.clock = clock;
	}

	void record(String usernameHash, String address) {
		this.redis.execute(RECORD, List.of(key(usernameHash)), Long.toString(this.clock.millis()), address,
				Long.toString(this.keptFor.toSeconds()));
	}

	/** The attempts since the last login, forgotten as they are read; empty if there were none. */
	Optional<LoginNotice> take(String usernameHash) {
		List<?> notice = this.redis.execute(TAKE, List.of(key(usernameHash)));
		if (notice == null || notice.size() < 3 || notice.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(new LoginNotice(Long.parseLong(notice.get(0).toString()),
				Instant.ofEpochMilli(Long.parseLong(notice.get(1).toString())), notice.get(2).toString()));
	}

	private String key(String usernameHash) {
		return this.keys.key("console", "login-notice", usernameHash);
	}

}

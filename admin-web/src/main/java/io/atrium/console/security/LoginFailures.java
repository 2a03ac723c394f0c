package io.atrium.console.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.atrium.console.security.ConsoleProperties.LoginThrottle;
import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts failed logins per username and per client address in Redis, shared by every instance, and locks either
 * once it reaches its limit. Time is the injected {@link Clock}'s: Redis's TTL only cleans up, so tests move the
 * clock instead of waiting 15 minutes. Usernames are stored as SHA-256, because people type passwords into the
 * username field.
 */
class LoginFailures {

	/**
	 * KEYS[1] the counter; ARGV: now (ms), window = lock duration (ms), limit, TTL (s). A failure older than the
	 * window starts a new count; reaching the limit locks until now + window. Returns the count.
	 */
	private static final RedisScript<Long> RECORD = RedisScript.of("""
			local now = tonumber(ARGV[1])
			local window = tonumber(ARGV[2])
			local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
			local since = tonumber(redis.call('HGET', KEYS[1], 'since') or ARGV[1])
			if now - since >= window then
				count = 0
				since = now
			end
			count = count + 1
			local lockedUntil = 0
			if count >= tonumber(ARGV[3]) then
				lockedUntil = now + window
			end
			redis.call('HSET', KEYS[1], 'count', count, 'since', since, 'lockedUntil', lockedUntil)
			redis.call('EXPIRE', KEYS[1], ARGV[4])
			return count
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final LoginThrottle settings;

	private final Clock clock;

	LoginFailures(StringRedisTemplate redis, RedisKeyspace keys, LoginThrottle settings, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
	}

	/** Until when this username or address is locked; empty when neither is. */
	Optional<Instant> lockedUntil(String username, String address) {
		Instant now = this.clock.instant();
		return List.of(usernameKey(username), addressKey(address))
			.stream()
			.map((key) -> this.redis.<String, String>opsForHash().get(key, "lockedUntil"))
			.filter((value) -> value != null)
			.map((value) -> Instant.ofEpochMilli(Long.parseLong(value)))
			.filter(now::isBefore)
			.max(Instant::compareTo);
	}

	void recordFailure(String username, String address) {
		long now = this.clock.millis();
		long window = this.settings.lockDuration().toMillis();
		String ttl = Long.toString(this.settings.lockDuration().multipliedBy(2).toSeconds());
		this.redis.execute(RECORD, List.of(usernameKey(username)), Long.toString(now), Long.toString(window),
				Integer.toString(this.settings.maxFailuresPerUsername()), ttl);
		this.redis.execute(RECORD, List.of(addressKey(address)), Long.toString(now), Long.toString(window),
				Integer.toString(this.settings.maxFailuresPerAddress()), ttl);
	}

	/**
	 * A successful login forgets the username's failures, not the address's: one user's success on a shared
	 * address must not reset an attacker's count there.
	 */
	void recordSuccess(String username) {
		this.redis.delete(usernameKey(username));
	}

	private String usernameKey(String username) {
		return this.keys.key("console", "login-failures", "user", sha256(username.toLowerCase(Locale.ROOT)));
	}

	private String addressKey(String address) {
		return this.keys.key("console", "login-failures", "address", (address != null) ? address : "unknown");
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}

package io.atrium.token.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers which pushes were handled, so that a captured push cannot be played again: one Redis key per
 * (timestamp, nonce, msg_signature), set if absent. It lives twice the timestamp window: a push is accepted for at
 * most that long after the earliest moment it could have been seen, so its key outlives every chance to replay it.
 */
@Component
class ReplayGuard {

	static final Duration TTL = ComponentEventsController.TIMESTAMP_WINDOW.multipliedBy(2);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	ReplayGuard(StringRedisTemplate redis, RedisKeyspace keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/** Marks the push as seen; false when it was seen before. Call only once its signature verified. */
	boolean firstSeen(PushParameters push) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key(push), "1", TTL));
	}

	/** Forgets the push again: handling it failed, and WeChat's retry must get through. */
	void forget(PushParameters push) {
		this.redis.delete(key(push));
	}

	private String key(PushParameters push) {
		// Hashed: fixed length whatever the sender put in the nonce.
		return this.keys.key("push-seen",
				sha256(push.timestamp() + "\n" + push.nonce() + "\n" + push.msgSignature()));
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JDK", ex);
		}
	}

}

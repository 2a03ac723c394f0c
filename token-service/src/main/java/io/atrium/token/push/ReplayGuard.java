package io.atrium.token.push;

import java.time.Duration;

import io.atrium.crypto.Sha256;
import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers which pushes were accepted, so that a captured push cannot be played again: one Redis key per
 * (timestamp, nonce, msg_signature), set if absent. It lives twice the timestamp window: a push is accepted for at
 * most that long after the earliest moment it could have been seen, so its key outlives every chance to replay it.
 * Shared by both push URLs: a push captured on one cannot be replayed on the other either.
 */
@Component
class ReplayGuard {

	static final Duration TTL = WeChatPushVerifier.TIMESTAMP_WINDOW.multipliedBy(2);

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
				Sha256.hex(push.timestamp() + "\n" + push.nonce() + "\n" + push.msgSignature()));
	}

}

package io.atrium.token.message;

import java.time.Duration;

import io.atrium.crypto.Sha256;
import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells WeChat's retries of a message from the message itself, across instances: one Redis key per account and
 * message identity ({@code MsgId}, or {@code FromUserName} + {@code CreateTime} + {@code Event}), set if absent.
 * WeChat retries within 15 seconds (3 attempts, 5 s each); the key lives 10 minutes, as long as the replay guard's,
 * so a retry that is late by any margin WeChat could produce is still recognized.
 */
@Component
class DuplicateGuard {

	static final Duration TTL = Duration.ofMinutes(10);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	DuplicateGuard(StringRedisTemplate redis, RedisKeyspace keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/** Marks the message as received; false when it was (WeChat's retry). */
	boolean firstSeen(String appId, AccountMessage message) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key(appId, message), "1", TTL));
	}

	/** Forgets the message again: acting on it failed, and WeChat's retry must be taken as new. */
	void forget(String appId, AccountMessage message) {
		this.redis.delete(key(appId, message));
	}

	/** The same for every delivery of one message, whichever instance receives it. */
	static String deliveryId(String appId, AccountMessage message) {
		return hash(appId, message).substring(0, 32);
	}

	private String key(String appId, AccountMessage message) {
		return this.keys.key("message-seen", hash(appId, message));
	}

	// Hashed: fixed length whatever the sender put in the ids.
	private static String hash(String appId, AccountMessage message) {
		return Sha256.hex(appId + "\n" + message.identity());
	}

}

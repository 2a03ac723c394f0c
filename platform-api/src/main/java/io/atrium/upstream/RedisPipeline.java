package io.atrium.upstream;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads sent in one pipeline: one round trip for all of them, on a dedicated (pooled) connection. For the operations
 * views, which read a few keys of every account.
 */
final class RedisPipeline {

	private RedisPipeline() {
	}

	/** The answers of the reads {@code reads} issues, in their order. */
	static List<Object> read(StringRedisTemplate redis, Consumer<RedisOperations<String, String>> reads) {
		return redis.executePipelined(new SessionCallback<Object>() {
			@Override
			@SuppressWarnings("unchecked")
			public <K, V> Object execute(RedisOperations<K, V> operations) {
				reads.accept((RedisOperations<String, String>) operations);
				return null;
			}
		});
	}

}

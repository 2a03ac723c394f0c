package io.atrium.upstream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.atrium.token.redis.RedisKeyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Tells every instance to drop an entry of a local cache, through one Redis pub/sub channel of the deployment:
 * messages are {@code <cache>:<key>}. A message can be lost (an instance reconnecting); the caches' own short
 * lifetimes bound how long a lost one matters.
 */
public final class CacheEvictions implements MessageListener {

	private static final Logger logger = LoggerFactory.getLogger(CacheEvictions.class);

	private final StringRedisTemplate redis;

	private final String channel;

	/** Per cache name, every holder of such a cache in this instance. */
	private final Map<String, List<Consumer<String>>> caches = new ConcurrentHashMap<>();

	CacheEvictions(StringRedisTemplate redis, RedisKeyspace keyspace, RedisMessageListenerContainer listeners) {
		this.redis = redis;
		this.channel = keyspace.key("cache-evictions");
		listeners.addMessageListener(this, List.of(new ChannelTopic(this.channel)));
	}

	/** Registers a cache: {@code evict} is called with the key of every eviction of it, from any instance. */
	public void register(String cache, Consumer<String> evict) {
		this.caches.computeIfAbsent(cache, (name) -> new CopyOnWriteArrayList<>()).add(evict);
	}

	/** Drops the key here at once and asks every other instance to. */
	public void evict(String cache, String key) {
		this.caches.getOrDefault(cache, List.of()).forEach((local) -> local.accept(key));
		try {
			this.redis.convertAndSend(this.channel, cache + ":" + key);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not tell other instances to drop {} from {}: {}", key, cache, ex.toString());
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		int separator = body.indexOf(':');
		if (separator > 0) {
			String key = body.substring(separator + 1);
			this.caches.getOrDefault(body.substring(0, separator), List.of()).forEach((evict) -> evict.accept(key));
		}
	}

}

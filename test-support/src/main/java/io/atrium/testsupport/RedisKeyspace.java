package io.atrium.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key prefix of its own on the shared test Redis server. Tests that put every key under
 * {@link #keyPrefix()} cannot see or disturb other test classes' keys.
 *
 * @param host the server's host
 * @param port the server's port
 * @param url the server's {@code redis://} URL
 * @param keyPrefix the prefix, such as {@code atrium:test:TokenCacheTests-k3f9a2x1:}
 */
public record RedisKeyspace(String host, int port, String url, String keyPrefix) {

	/**
	 * Spring Boot properties that point the application at this server and key prefix.
	 * @return {@code spring.data.redis.url} and {@code atrium.redis.key-prefix}
	 */
	public Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url", this.url);
		properties.put("atrium.redis.key-prefix", this.keyPrefix);
		return properties;
	}

	/**
	 * The given key under this prefix.
	 * @param key the key without prefix
	 * @return the prefixed key
	 */
	public String key(String key) {
		return this.keyPrefix + key;
	}

	@Override
	public String toString() {
		return "RedisKeyspace[url=" + RedisEndpoint.mask(this.url) + ", keyPrefix=" + this.keyPrefix + "]";
	}

}

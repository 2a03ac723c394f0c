package io.atrium.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key prefix of its own on the shared test Redis server. Tests that put every key under
 * {@link #keyPrefix()} cannot see or disturb other test classes' keys.
 * <p>
 * On a Redis Cluster, {@code host}, {@code port} and {@code url} name one of its nodes, which answers only for its
 * own slots: talk to the cluster through a cluster client ({@link #springProperties()}, {@link #clusterNodes()}).
 *
 * @param host the server's host
 * @param port the server's port
 * @param url the server's {@code redis://} URL
 * @param clusterNodes the Redis Cluster's nodes ({@code host:port}), empty for a single server
 * @param keyPrefix the prefix, such as {@code atrium:test:TokenCacheTests-k3f9a2x1:}
 */
public record RedisKeyspace(String host, int port, String url, List<String> clusterNodes, String keyPrefix) {

	public RedisKeyspace {
		clusterNodes = List.copyOf(clusterNodes);
	}

	/**
	 * Whether the keys live on a Redis Cluster.
	 * @return true when {@link #clusterNodes()} names nodes
	 */
	public boolean cluster() {
		return !this.clusterNodes.isEmpty();
	}

	/**
	 * Spring Boot properties that point the application at this server (or cluster) and key prefix.
	 * @return {@code spring.data.redis.url} (or {@code spring.data.redis.cluster.nodes}) and
	 * {@code atrium.redis.key-prefix}
	 */
	public Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (cluster()) {
			properties.put("spring.data.redis.cluster.nodes", String.join(",", this.clusterNodes));
		}
		else {
			properties.put("spring.data.redis.url", this.url);
		}
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
		String where = cluster() ? "clusterNodes=" + this.clusterNodes : "url=" + RedisEndpoint.mask(this.url);
		return "RedisKeyspace[" + where + ", keyPrefix=" + this.keyPrefix + "]";
	}

}

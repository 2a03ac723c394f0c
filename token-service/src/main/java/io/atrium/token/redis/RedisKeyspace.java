package io.atrium.token.redis;

/**
 * Where Atrium's keys live in Redis: everything under one prefix ({@code atrium:{env}:} by default), so that
 * deployments and test classes sharing a server never see each other's keys. Keys that one Lua script touches
 * together are built with {@link #tagged}, so they share a hash slot on a Redis Cluster.
 */
public record RedisKeyspace(String prefix) {

	public RedisKeyspace {
		if (prefix == null || prefix.isBlank() || !prefix.endsWith(":")) {
			throw new IllegalArgumentException("Redis key prefix must be non-blank and end with ':', was '" + prefix + "'");
		}
	}

	/** {@code prefix + parts joined with ':'}. */
	public String key(String... parts) {
		return this.prefix + String.join(":", parts);
	}

	/** {@code prefix + "{" + tag + "}:" + suffix}: keys with the same tag land in the same cluster slot. */
	public String tagged(String tag, String suffix) {
		return this.prefix + "{" + tag + "}:" + suffix;
	}

}

package io.atrium.token.authorizer;

import java.time.Clock;
import java.util.List;

import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The proactive refreshes every instance together may start in the current minute
 * ({@link ProactiveRefreshSettings#maxPerMinute()}): a counter per minute in Redis, taken from before claiming
 * due tokens and given back when fewer were due. Minutes are those of the injected clock, which is WeChat's.
 */
@Component
class RefreshBudget {

	/** Grants up to ARGV[1] of what is left of ARGV[2] this minute. */
	private static final RedisScript<Long> TAKE = RedisScript.of("""
			local used = tonumber(redis.call('GET', KEYS[1]) or '0')
			local grant = math.min(tonumber(ARGV[1]), tonumber(ARGV[2]) - used)
			if grant <= 0 then
				return 0
			end
			redis.call('INCRBY', KEYS[1], grant)
			redis.call('PEXPIRE', KEYS[1], 120000)
			return grant""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final int perMinute;

	private final Clock clock;

	RefreshBudget(StringRedisTemplate redis, RedisKeyspace keys, ProactiveRefreshSettings settings, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.perMinute = settings.maxPerMinute();
		this.clock = clock;
	}

	/** Up to {@code wanted} refreshes from this minute's budget; none when it is spent. */
	Grant take(int wanted) {
		String key = this.keys.key("refresh-budget", Long.toString(this.clock.millis() / 60_000));
		Long granted = this.redis.execute(TAKE, List.of(key), Integer.toString(wanted), Integer.toString(this.perMinute));
		return new Grant(key, (granted != null) ? granted.intValue() : 0);
	}

	/** Returns what a grant was not used for. */
	void giveBack(Grant grant, int used) {
		int unused = grant.count() - used;
		if (unused > 0) {
			this.redis.opsForValue().decrement(grant.key(), unused);
		}
	}

	record Grant(String key, int count) {
	}

}

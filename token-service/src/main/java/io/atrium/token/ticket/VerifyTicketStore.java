package io.atrium.token.ticket;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.atrium.token.redis.RedisKeyspace;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The component's verify ticket: in Redis for the hot path (expiring with the ticket's 12 hours) and durably in
 * PostgreSQL, so a Redis flush or restart does not leave the platform without a ticket until the next push.
 * Unlike the common SDK, a ticket is never used past its lifetime: an expired one reads as absent.
 */
@Component
public class VerifyTicketStore {

	private final StringRedisTemplate redis;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String componentAppId;

	private final String key;

	public VerifyTicketStore(StringRedisTemplate redis, JdbcClient jdbc, Clock clock, RedisKeyspace keys,
			io.atrium.token.WeChatComponentProperties properties) {
		this.redis = redis;
		this.jdbc = jdbc;
		this.clock = clock;
		this.componentAppId = properties.componentAppId();
		this.key = keys.key("verify-ticket", properties.componentAppId());
	}

	/**
	 * Stores a pushed ticket, PostgreSQL first: the durable copy must exist before the fast one. A ticket older than
	 * the stored one (pushes delivered out of order) is ignored, in Redis too.
	 * @return whether the ticket is now the current one
	 */
	public boolean save(String ticket, Instant createdAt) {
		VerifyTicket saved = new VerifyTicket(ticket, createdAt, this.clock.instant());
		int stored = this.jdbc.sql("""
				insert into component_verify_ticket (component_appid, ticket, create_time, received_at)
				values (:appid, :ticket, :createdAt, :receivedAt)
				on conflict (component_appid) do update set ticket = excluded.ticket,
					create_time = excluded.create_time, received_at = excluded.received_at
				where component_verify_ticket.create_time <= excluded.create_time""")
			.param("appid", this.componentAppId)
			.param("ticket", ticket)
			.param("createdAt", Timestamp.from(createdAt))
			.param("receivedAt", Timestamp.from(saved.receivedAt()))
			.update();
		if (stored > 0) {
			cache(saved);
		}
		return stored > 0;
	}

	/** The current ticket if one is still valid: from Redis, else from PostgreSQL (and then back into Redis). */
	public Optional<VerifyTicket> current() {
		Instant now = this.clock.instant();
		Optional<VerifyTicket> cached = fromRedis().filter((ticket) -> ticket.isValidAt(now));
		if (cached.isPresent()) {
			return cached;
		}
		Optional<VerifyTicket> durable = latest();
		durable.filter((ticket) -> ticket.isValidAt(now)).ifPresent(this::cache);
		return durable.filter((ticket) -> ticket.isValidAt(now));
	}

	/** The last ticket received, valid or not, from PostgreSQL: for health reporting. */
	public Optional<VerifyTicket> latest() {
		return this.jdbc.sql("select ticket, create_time, received_at from component_verify_ticket "
				+ "where component_appid = :appid")
			.param("appid", this.componentAppId)
			.query((rs, row) -> new VerifyTicket(rs.getString(1), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3).toInstant()))
			.optional();
	}

	private Optional<VerifyTicket> fromRedis() {
		List<Object> values = this.redis.opsForHash().multiGet(this.key, List.of("ticket", "createdAt", "receivedAt"));
		if (values.get(0) == null || values.get(1) == null || values.get(2) == null) {
			return Optional.empty();
		}
		return Optional.of(new VerifyTicket((String) values.get(0), Instant.ofEpochMilli(Long.parseLong((String) values.get(1))),
				Instant.ofEpochMilli(Long.parseLong((String) values.get(2)))));
	}

	private void cache(VerifyTicket ticket) {
		Duration ttl = Duration.between(this.clock.instant(), ticket.createdAt().plus(VerifyTicket.LIFETIME));
		if (ttl.isNegative() || ttl.isZero()) {
			return;
		}
		try {
			this.redis.opsForHash().putAll(this.key, java.util.Map.of("ticket", ticket.ticket(), "createdAt",
					String.valueOf(ticket.createdAt().toEpochMilli()), "receivedAt",
					String.valueOf(ticket.receivedAt().toEpochMilli())));
			this.redis.expire(this.key, ttl);
		}
		catch (DataAccessException ex) {
			// PostgreSQL has it; the next read repopulates Redis.
		}
	}

}

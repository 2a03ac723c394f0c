package io.atrium.token.component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.redis.RedisKeyspace;
import io.atrium.token.ticket.VerifyTicket;
import io.atrium.token.ticket.VerifyTicketStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Reports the verify ticket in actuator health: {@code WARNING} when there is no valid ticket, WeChat refused the
 * last one (the platform has then asked for a new push), or the last push is older than 20 minutes (WeChat pushes
 * every 10); {@code UP} otherwise. Never shows the ticket. {@code WARNING} is ordered between DOWN and UP and
 * answers HTTP 200 (see application.yml): a missing ticket needs an operator, but must not take the instance
 * out of a load balancer.
 * <p>
 * A refusal is kept in Redis, not in this instance's memory: the instance whose refresh WeChat refused and the
 * instances answering the load balancer's health checks are rarely the same, and a later acceptance on any
 * instance clears it for all. A Redis error here is logged and reads as "no refusal known"; the ticket's own
 * age and expiry, from PostgreSQL, still report.
 */
@Component("verifyTicket")
public class TicketHealth implements HealthIndicator, MeterBinder {

	static final Duration STALE_AFTER = Duration.ofMinutes(20);

	static final Status WARNING = new Status("WARNING");

	private static final Duration REFUSAL_RETENTION = Duration.ofDays(1);

	private static final String REASON = "reason";

	private static final RedisScript<Long> RECORD_REFUSAL = RedisScript.of("""
			redis.call('HSET', KEYS[1], 'reason', ARGV[1], 'at', ARGV[2])
			redis.call('EXPIRE', KEYS[1], ARGV[3])
			return 1""", Long.class);

	private static final String AT = "at";

	private static final Logger logger = LoggerFactory.getLogger(TicketHealth.class);

	private final VerifyTicketStore tickets;

	private final Clock clock;

	private final StringRedisTemplate redis;

	private final String refusalKey;

	public TicketHealth(VerifyTicketStore tickets, StringRedisTemplate redis, RedisKeyspace keys,
			WeChatComponentProperties properties, Clock clock) {
		this.tickets = tickets;
		this.redis = redis;
		this.refusalKey = keys.key("verify-ticket-refusal", properties.componentAppId());
		this.clock = clock;
	}

	void refused(String reason) {
		try {
			// With its expiry in one script: a refusal nobody ever follows with an acceptance (the platform was
			// switched off) must clean itself up.
			this.redis.execute(RECORD_REFUSAL, List.of(this.refusalKey), reason, String.valueOf(this.clock.millis()),
					String.valueOf(REFUSAL_RETENTION.toSeconds()));
		}
		catch (DataAccessException ex) {
			logger.warn("Could not record the verify ticket's refusal ({})", ex.getClass().getSimpleName());
		}
	}

	void accepted() {
		try {
			this.redis.delete(this.refusalKey);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not clear the verify ticket's refusal ({})", ex.getClass().getSimpleName());
		}
	}

	private Refusal lastRefusal() {
		try {
			List<Object> values = this.redis.opsForHash().multiGet(this.refusalKey, List.of(REASON, AT));
			if (values.get(0) instanceof String reason && values.get(1) instanceof String at) {
				return new Refusal(reason, Instant.ofEpochMilli(Long.parseLong(at)));
			}
		}
		catch (NumberFormatException ex) {
			logger.warn("Ignoring an unreadable verify ticket refusal in Redis");
		}
		catch (DataAccessException ex) {
			logger.warn("Could not read the verify ticket's refusal ({})", ex.getClass().getSimpleName());
		}
		return null;
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		Refusal refusal = lastRefusal();
		Optional<VerifyTicket> latest;
		try {
			latest = this.tickets.latest();
		}
		catch (DataAccessException ex) {
			// PostgreSQL is out of reach: the db component says so (and readiness fails); health still answers.
			return Health.unknown()
				.withDetail("problem", "the verify ticket could not be read (" + ex.getClass().getSimpleName() + ")")
				.build();
		}
		String problem = null;
		if (refusal != null) {
			problem = refusal.reason();
		}
		else if (latest.isEmpty()) {
			problem = "no verify ticket received yet";
		}
		else if (!latest.get().isValidAt(now)) {
			problem = "the last verify ticket has expired";
		}
		else if (latest.get().ageAt(now).compareTo(STALE_AFTER) > 0) {
			problem = "no ticket push for more than " + STALE_AFTER.toMinutes() + " minutes";
		}
		Health.Builder health = (problem != null) ? Health.status(WARNING).withDetail("problem", problem) : Health.up();
		latest.ifPresent((ticket) -> health.withDetail("receivedAt", ticket.receivedAt().toString())
			.withDetail("ageSeconds", ticket.ageAt(now).toSeconds()));
		if (refusal != null) {
			health.withDetail("pushRequestedAt", refusal.at().toString());
		}
		return health.build();
	}

	/**
	 * The verify ticket's age as a gauge, read from PostgreSQL when scraped (the same on every instance: aggregate
	 * with {@code max}). WeChat pushes every 10 minutes; NaN (no sample) when no ticket was ever received or
	 * PostgreSQL does not answer.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("atrium.ticket.age", this::ageSeconds)
			.description("Seconds since the last verify ticket WeChat pushed was received (pushed every 10 minutes)")
			.baseUnit("seconds")
			.strongReference(true)
			.register(registry);
	}

	private double ageSeconds() {
		try {
			return this.tickets.latest()
				.map((ticket) -> ticket.ageAt(this.clock.instant()).toMillis() / 1000.0)
				.orElse(Double.NaN);
		}
		catch (DataAccessException ex) {
			return Double.NaN;
		}
	}

	private record Refusal(String reason, Instant at) {
	}

}

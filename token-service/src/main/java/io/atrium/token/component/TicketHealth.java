package io.atrium.token.component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.atrium.token.ticket.VerifyTicketStore;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Reports the verify ticket in actuator health: {@code WARNING} when there is no valid ticket, WeChat refused the
 * last one (the platform has then asked for a new push), or the last push is older than 20 minutes (WeChat pushes
 * every 10); {@code UP} otherwise. Never shows the ticket. {@code WARNING} is ordered between DOWN and UP and
 * answers HTTP 200 (see application.yml): a missing ticket needs an operator, but must not take the instance
 * out of a load balancer.
 */
@Component("verifyTicket")
public class TicketHealth implements HealthIndicator {

	static final Duration STALE_AFTER = Duration.ofMinutes(20);

	static final Status WARNING = new Status("WARNING");

	private final VerifyTicketStore tickets;

	private final Clock clock;

	private final AtomicReference<Refusal> lastRefusal = new AtomicReference<>();

	public TicketHealth(VerifyTicketStore tickets, Clock clock) {
		this.tickets = tickets;
		this.clock = clock;
	}

	void refused(String reason) {
		this.lastRefusal.set(new Refusal(reason, this.clock.instant()));
	}

	void accepted() {
		this.lastRefusal.set(null);
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		Refusal refusal = this.lastRefusal.get();
		var latest = this.tickets.latest();
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

	private record Refusal(String reason, Instant at) {
	}

}

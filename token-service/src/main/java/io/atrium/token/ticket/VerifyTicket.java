package io.atrium.token.ticket;

import java.time.Duration;
import java.time.Instant;

/**
 * The last {@code component_verify_ticket} WeChat pushed: the ticket, when WeChat created it ({@code CreateTime}),
 * and when Atrium received it. WeChat accepts a ticket for 12 hours and pushes a new one every 10 minutes.
 */
public record VerifyTicket(String ticket, Instant createdAt, Instant receivedAt) {

	public static final Duration LIFETIME = Duration.ofHours(12);

	public boolean isValidAt(Instant now) {
		return this.createdAt.plus(LIFETIME).isAfter(now);
	}

	public Duration ageAt(Instant now) {
		return Duration.between(this.receivedAt, now);
	}

	@Override
	public String toString() {
		return "VerifyTicket[createdAt=" + this.createdAt + ", receivedAt=" + this.receivedAt + "]";
	}

}

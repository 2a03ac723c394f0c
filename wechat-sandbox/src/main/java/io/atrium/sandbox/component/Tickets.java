package io.atrium.sandbox.component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.atrium.sandbox.http.WeChatError;

/**
 * component_verify_tickets issued so far. Every ticket, the latest included, works while younger than the ticket
 * lifetime (WeChat: 12 h), then answers 61005; a ticket never issued (or empty) answers 61006. So a platform that
 * missed pushes for 12 h (and never calls api_start_push_ticket on 61005) cannot get a token.
 */
public final class Tickets {

	/** Old tickets are forgotten (and then answer 61006) once this many are kept. */
	private static final int KEPT = 5_000;

	private final Clock clock;

	private final Duration lifetime;

	private final Map<String, Long> issuedAt = new HashMap<>();

	private final Deque<String> order = new ArrayDeque<>();

	public Tickets(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
	}

	public synchronized String issue() {
		String ticket = OpaqueValues.prefixed("ticket@@@", 86);
		this.issuedAt.put(ticket, this.clock.millis());
		this.order.addLast(ticket);
		while (this.order.size() > KEPT) {
			this.issuedAt.remove(this.order.removeFirst());
		}
		return ticket;
	}

	/** Throws 61006 for an unknown or empty ticket, 61005 for one that is too old. */
	public synchronized void check(String ticket) {
		if (ticket == null || ticket.isEmpty()) {
			throw WeChatError.TICKET_INVALID.exception();
		}
		Long issued = this.issuedAt.get(ticket);
		if (issued == null) {
			throw WeChatError.TICKET_INVALID.exception();
		}
		if (this.clock.millis() - issued >= this.lifetime.toMillis()) {
			throw WeChatError.TICKET_EXPIRED.exception();
		}
	}

	public synchronized Optional<String> latest() {
		return Optional.ofNullable(this.order.peekLast());
	}

	public synchronized void reset() {
		this.issuedAt.clear();
		this.order.clear();
	}

}

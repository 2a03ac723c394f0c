package io.atrium.sandbox.component;

import java.time.Duration;
import java.util.Optional;

import io.atrium.sandbox.SandboxClock;
import io.atrium.sandbox.push.PushMessages;
import io.atrium.sandbox.push.PushRecord;
import io.atrium.sandbox.push.PushSender;
import io.atrium.sandbox.support.Redaction;

/**
 * Pushes a new component_verify_ticket every interval of sandbox time, once at start, and on demand. When the clock
 * jumps past several push times only one push happens: WeChat does not replay missed pushes either, and the platform
 * needs only the latest. Without a callback URL nothing is scheduled; tickets are then only issued on demand. The
 * periodic pushes can be paused, to play WeChat's pushes going missing (on-demand pushes still happen).
 */
public final class TicketSchedule {

	private final SandboxClock clock;

	private final Tickets tickets;

	private final PushSender pushes;

	private final PushMessages messages;

	private final Duration interval;

	private long nextPushAt = Long.MAX_VALUE;

	private boolean paused;

	public TicketSchedule(SandboxClock clock, Tickets tickets, PushSender pushes, PushMessages messages, Duration interval) {
		this.clock = clock;
		this.tickets = tickets;
		this.pushes = pushes;
		this.messages = messages;
		this.interval = interval;
	}

	/** The start-up push (also after a reset), when a callback URL is configured. */
	public synchronized void start() {
		this.nextPushAt = Long.MAX_VALUE;
		this.paused = false;
		if (this.pushes.enabled()) {
			pushNow();
		}
	}

	/** Issues a ticket, pushes it when a callback is configured, and starts the interval anew. */
	public synchronized Pushed pushNow() {
		String ticket = this.tickets.issue();
		long now = this.clock.millis();
		Optional<PushRecord> record = this.pushes.send("component_verify_ticket", now / 1000,
				this.messages.verifyTicket(now / 1000, ticket));
		scheduleFrom(now);
		return new Pushed(ticket, record.orElse(null));
	}

	/**
	 * Pushes when the next push time has come; called by the ticker and after the clock was advanced.
	 * @return the ticket pushed, if one was
	 */
	public synchronized Optional<Pushed> tick() {
		if (this.clock.millis() >= this.nextPushAt) {
			return Optional.of(pushNow());
		}
		return Optional.empty();
	}

	/**
	 * Moves the sandbox clock and pushes once if a push time was passed. Holding the schedule's lock keeps the
	 * background ticker from taking that push in between, so the answer tells whether this move caused one.
	 */
	public synchronized Optional<Pushed> advanceClock(Duration amount) {
		this.clock.advance(amount);
		return tick();
	}

	/** Stops the periodic pushes until {@link #resume()} (or a reset); on-demand pushes still happen. */
	public synchronized void pause() {
		this.paused = true;
		this.nextPushAt = Long.MAX_VALUE;
	}

	/** Periodic pushes again, the next one an interval from now. */
	public synchronized void resume() {
		this.paused = false;
		scheduleFrom(this.clock.millis());
	}

	public synchronized boolean paused() {
		return this.paused;
	}

	private void scheduleFrom(long now) {
		boolean periodic = this.pushes.enabled() && !this.interval.isZero() && !this.paused;
		this.nextPushAt = periodic ? now + this.interval.toMillis() : Long.MAX_VALUE;
	}

	/** A ticket just issued and its push (null when nothing was pushed). */
	public record Pushed(String ticket, PushRecord push) {

		/** The ticket stays out of logs. */
		@Override
		public String toString() {
			return "Pushed[ticket=" + Redaction.mask(this.ticket) + ", push=" + this.push + "]";
		}

	}

}

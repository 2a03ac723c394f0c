package io.atrium.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's notion of now: a base clock plus an offset that only moves forward. Every expiry, quota window and
 * push schedule in the sandbox reads this clock, so that tests move time instead of sleeping.
 */
public final class SandboxClock extends Clock {

	private final Clock base;

	private final AtomicLong offsetMillis;

	public SandboxClock(Clock base) {
		this(base, new AtomicLong());
	}

	private SandboxClock(Clock base, AtomicLong offsetMillis) {
		this.base = Objects.requireNonNull(base, "base");
		this.offsetMillis = offsetMillis;
	}

	public static SandboxClock system() {
		return new SandboxClock(Clock.systemUTC());
	}

	@Override
	public ZoneId getZone() {
		return this.base.getZone();
	}

	/** A view in another zone that shares this clock's offset. */
	@Override
	public Clock withZone(ZoneId zone) {
		return new SandboxClock(this.base.withZone(zone), this.offsetMillis);
	}

	@Override
	public Instant instant() {
		return this.base.instant().plusMillis(this.offsetMillis.get());
	}

	@Override
	public long millis() {
		return this.base.millis() + this.offsetMillis.get();
	}

	public long epochSecond() {
		return millis() / 1000;
	}

	/** Moves the clock forward; time never goes back, so expiries stay monotonic. */
	public void advance(Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("the sandbox clock only moves forward");
		}
		this.offsetMillis.addAndGet(amount.toMillis());
	}

	public Duration offset() {
		return Duration.ofMillis(this.offsetMillis.get());
	}

	/** Back to the base clock (used by a sandbox reset). */
	void resetOffset() {
		this.offsetMillis.set(0);
	}

}

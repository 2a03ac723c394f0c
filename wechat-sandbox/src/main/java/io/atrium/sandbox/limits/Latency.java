package io.atrium.sandbox.limits;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long every WeChat API call takes before its answer: a uniform draw between a minimum and a maximum, so that
 * benchmarks and soak runs see an upstream as far away as WeChat's (tens of milliseconds), and fault runs a slow one.
 * A property of the network, not of WeChat's state: a reset keeps it. None by default.
 */
public final class Latency {

	/** The longest latency accepted: beyond it a client's read timeout, not latency, is what is being tested. */
	public static final long MAX_MILLIS = 60_000;

	private volatile Range range = new Range(0, 0);

	/** The latency in force. */
	public Range range() {
		return this.range;
	}

	/**
	 * @throws IllegalArgumentException unless {@code 0 <= minMillis <= maxMillis <= 60000}
	 */
	public void set(long minMillis, long maxMillis) {
		if (minMillis < 0 || maxMillis < minMillis || maxMillis > MAX_MILLIS) {
			throw new IllegalArgumentException("latency needs 0 <= minMillis <= maxMillis <= " + MAX_MILLIS);
		}
		this.range = new Range(minMillis, maxMillis);
	}

	/** Holds the calling thread for one draw of the latency. */
	void pause() throws InterruptedException {
		Range range = this.range;
		if (range.maxMillis() > 0) {
			Thread.sleep(ThreadLocalRandom.current().nextLong(range.minMillis(), range.maxMillis() + 1));
		}
	}

	public record Range(long minMillis, long maxMillis) {
	}

}

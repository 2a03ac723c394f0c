package io.atrium.upstream;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/**
 * Bucket4j reads time from the application's {@link Clock}, so that refills follow the same time as
 * everything else (and tests move it instead of sleeping).
 */
record ClockTimeMeter(Clock clock) implements TimeMeter {

	@Override
	public long currentTimeNanos() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}

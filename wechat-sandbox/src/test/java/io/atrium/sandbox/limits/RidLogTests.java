package io.atrium.sandbox.limits;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RidLog} keeps the most recent errors only. */
class RidLogTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

	@Test
	void theOldestErrorIsForgottenBeyondTheCapacity() {
		RidLog log = new RidLog(this.clock, 2);
		log.record(entry("00000001-00000000-00000000"));
		log.record(entry("00000002-00000000-00000000"));
		log.record(entry("00000003-00000000-00000000"));
		assertThat(log.find("00000001-00000000-00000000")).isEmpty();
		assertThat(log.find("00000002-00000000-00000000")).isPresent();
		assertThat(log.find("00000003-00000000-00000000")).isPresent();
	}

	@Test
	void theDefaultCapacityIsTenThousand() {
		RidLog log = new RidLog(this.clock);
		for (int i = 0; i <= RidLog.CAPACITY; i++) {
			log.record(entry(String.format("%08x-00000000-00000000", i)));
		}
		assertThat(log.find("00000000-00000000-00000000")).isEmpty();
		assertThat(log.find(String.format("%08x-00000000-00000000", RidLog.CAPACITY))).isPresent();
	}

	private RidLog.Entry entry(String rid) {
		return new RidLog.Entry(rid, "wxone", this.clock.millis(), 1, "", "", "{}", "127.0.0.1");
	}

}

package io.atrium.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock every test JVM's Atrium and sandbox run on: the system clock, or, when {@code ATRIUM_TEST_CLOCK_START}
 * (environment) or {@code atrium.test.clock-start} (system property) names an instant, a clock that reads that
 * instant when the JVM first asks and ticks on from there. So the suite can be run as if started just before
 * midnight in Shanghai, or at noon, and a test that depends on the hour it runs fails whenever it is run, not for
 * half of each day.
 * <p>
 * {@code ATRIUM_TEST_CLOCK_START=2026-12-04T15:59:00Z ./mvnw verify} runs every module's tests from one minute
 * before midnight Asia/Shanghai (each module's JVM starts there).
 */
public final class TestClock {

	static final String ENVIRONMENT_VARIABLE = "ATRIUM_TEST_CLOCK_START";

	static final String SYSTEM_PROPERTY = "atrium.test.clock-start";

	private static final Logger logger = LoggerFactory.getLogger(TestClock.class);

	private static Clock base;

	private TestClock() {
	}

	/**
	 * The JVM's test clock, fixed on first use: the system clock in UTC, moved to the configured start if one is
	 * set.
	 * @throws IllegalStateException if the configured start is not an ISO-8601 instant
	 */
	public static synchronized Clock base() {
		if (base == null) {
			base = startingAt(configuredStart(System.getenv(), System::getProperty), Clock.systemUTC());
			if (!base.equals(Clock.systemUTC())) {
				logger.info("Tests run on a clock that started at {}", base.instant());
			}
		}
		return base;
	}

	/** The system clock unless a start is given; then a clock that reads {@code start} now and ticks on. */
	static Clock startingAt(Instant start, Clock system) {
		if (start == null) {
			return system;
		}
		return Clock.offset(system, Duration.between(system.instant(), start));
	}

	/** The start the environment (first) or a system property names, or null. */
	static Instant configuredStart(Map<String, String> environment, Function<String, String> systemProperties) {
		String value = environment.get(ENVIRONMENT_VARIABLE);
		String source = ENVIRONMENT_VARIABLE;
		if (value == null || value.isBlank()) {
			value = systemProperties.apply(SYSTEM_PROPERTY);
			source = SYSTEM_PROPERTY;
		}
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalStateException(
					source + " must be an ISO-8601 instant such as 2026-12-04T15:59:00Z, not '" + value + "'", ex);
		}
	}

}

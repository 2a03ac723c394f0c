package io.atrium.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestClockTests {

	private static final Clock SYSTEM = Clock.fixed(Instant.parse("2026-12-04T03:00:00Z"), ZoneOffset.UTC);

	@Test
	void withoutAStartTheSystemClockIsUsed() {
		assertThat(TestClock.configuredStart(Map.of(), (name) -> null)).isNull();
		assertThat(TestClock.startingAt(null, SYSTEM)).isSameAs(SYSTEM);
	}

	@Test
	void theEnvironmentWinsOverTheSystemProperty() {
		assertThat(TestClock.configuredStart(Map.of(TestClock.ENVIRONMENT_VARIABLE, "2026-12-04T15:59:00Z"),
				(name) -> "2026-12-04T04:00:00Z"))
			.isEqualTo(Instant.parse("2026-12-04T15:59:00Z"));
		assertThat(TestClock.configuredStart(Map.of(TestClock.ENVIRONMENT_VARIABLE, " "),
				(name) -> TestClock.SYSTEM_PROPERTY.equals(name) ? "2026-12-04T04:00:00Z" : null))
			.isEqualTo(Instant.parse("2026-12-04T04:00:00Z"));
	}

	@Test
	void aConfiguredStartIsWhatTheClockReadsFirst() {
		Clock clock = TestClock.startingAt(Instant.parse("2026-12-04T15:59:00Z"), SYSTEM);
		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-04T15:59:00Z"));
		assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
	}

	@Test
	void theInitializerPutsTheApplicationsClockOnTheTestClock() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean("clock", Clock.class, Clock::systemDefaultZone);
			new TestClockInitializer().initialize(context);
			context.refresh();
			assertThat(context.getBean(Clock.class)).isSameAs(TestClock.base());
		}
	}

	@Test
	void aStartThatIsNotAnInstantIsRefusedByName() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestClock.configuredStart(Map.of(TestClock.ENVIRONMENT_VARIABLE, "midnight"),
					(name) -> null))
			.withMessageContaining(TestClock.ENVIRONMENT_VARIABLE)
			.withMessageContaining("'midnight'");
	}

}

package io.atrium.token.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Token figures read when scraped (docs/metrics.md): how late the proactive refresh is (the oldest entry of the
 * schedule still due), how many entries are overdue, how many tokens fail to refresh, and how many callers found
 * no valid token. The first three read the shared Redis, so every instance reports the same value: aggregate them
 * with {@code max}, not {@code sum}. A reading Redis does not answer is NaN (no sample), never a failed scrape.
 */
@Component
final class TokenGauges implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(TokenGauges.class);

	private final TokenCache tokens;

	private final RefreshSchedule schedule;

	private final TokenHealthRecorder health;

	private final Clock clock;

	TokenGauges(TokenCache tokens, RefreshSchedule schedule, TokenHealthRecorder health, Clock clock) {
		this.tokens = tokens;
		this.schedule = schedule;
		this.health = health;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("atrium.token.refresh.lag", () -> reading(this::lagSeconds))
			.description("Age of the oldest proactive refresh that is due and not yet claimed (0 when none is due): "
					+ "grows when no instance sweeps or sweeps do not keep up")
			.baseUnit("seconds")
			.strongReference(true)
			.register(registry);
		Gauge.builder("atrium.token.refresh.overdue",
				() -> reading(() -> (double) this.schedule.countOverdue(this.clock.instant())))
			.description("Tokens whose proactive refresh is more than 5 minutes overdue")
			.strongReference(true)
			.register(registry);
		Gauge.builder("atrium.token.failing", () -> reading(() -> (double) this.health.failing(0).count()))
			.description("Tokens (component and authorizers) whose last refresh failed")
			.strongReference(true)
			.register(registry);
		FunctionCounter.builder("atrium.token.caller.refreshes", this.tokens, TokenCache::callerRefreshes)
			.description("Callers on this instance that found no valid cached token and refreshed it or waited for "
					+ "a refresh (near 0 while proactive refresh keeps up)")
			.register(registry);
	}

	private double lagSeconds() {
		Instant now = this.clock.instant();
		Optional<Instant> oldest = this.schedule.oldestDue();
		return oldest.filter((due) -> due.isBefore(now))
			.map((due) -> Duration.between(due, now).toMillis() / 1000.0)
			.orElse(0.0);
	}

	private static Double reading(Supplier<Double> read) {
		try {
			return read.get();
		}
		catch (RuntimeException ex) {
			logger.debug("No token gauge reading: {}", ex.toString());
			return Double.NaN;
		}
	}

}

package io.atrium.token.cache;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The token cache's meters (docs/metrics.md): refreshes by kind and outcome with their latency, and callers' waits
 * on another's refresh; the gauges are {@link TokenGauges}. Tags are bounded (kind, outcome: WeChat's errcodes);
 * never an appid: the per-account figures are in Redis ({@link TokenHealthRecorder}, {@link RefreshOutcomes}). The
 * timers of successful refreshes and of waits are built once; a failed refresh's, rare, on demand.
 */
@Component
final class TokenMetrics {

	static final String REFRESHES = "atrium.token.refreshes";

	static final String LOCK_WAITS = "atrium.token.lock.waits";

	/** What a caller that waited on another's refresh got (see {@link #waited}). */
	static final List<String> WAIT_OUTCOMES = List.of("refreshed", "failed", "timeout", "took-over");

	private final MeterRegistry registry;

	private final Map<TokenSubject.Kind, Timer> refreshed = new EnumMap<>(TokenSubject.Kind.class);

	private final Map<TokenSubject.Kind, Map<String, Timer>> waits = new EnumMap<>(TokenSubject.Kind.class);

	TokenMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (TokenSubject.Kind kind : TokenSubject.Kind.values()) {
			this.refreshed.put(kind, refreshTimer(kind, RefreshOutcomes.OK));
			Map<String, Timer> byOutcome = new HashMap<>();
			WAIT_OUTCOMES.forEach((outcome) -> byOutcome.put(outcome, Timer.builder(LOCK_WAITS)
				.description("Callers that found another refresh holding a token's lock, and how long they waited "
						+ "for it, by kind and outcome (refreshed, failed, timeout, took-over)")
				.tag("kind", kind(kind))
				.tag("outcome", outcome)
				.register(registry)));
			this.waits.put(kind, Map.copyOf(byOutcome));
		}
	}

	/** WeChat issued a token in a refresh that started at {@code startNanos} ({@link System#nanoTime()}). */
	void refreshed(TokenSubject subject, long startNanos) {
		this.refreshed.get(subject.kind()).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	/** A refresh failed; {@code outcome} in {@link RefreshOutcomes}'s words ({@code errcode-61023}, ...). */
	void refreshFailed(TokenSubject subject, String outcome, long startNanos) {
		refreshTimer(subject.kind(), outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * A caller found the lock held by another refresh and waited: {@code refreshed} (the other's token arrived),
	 * {@code failed} (the other's refresh failed), {@code timeout} (nothing within max-wait) or {@code took-over}
	 * (the lock came free and this caller refreshed).
	 */
	void waited(TokenSubject subject, String outcome, long startNanos) {
		this.waits.get(subject.kind()).get(outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	private Timer refreshTimer(TokenSubject.Kind kind, String outcome) {
		return Timer.builder(REFRESHES)
			.description("Token refreshes asked of WeChat, by kind (component, authorizer) and outcome (ok, "
					+ "errcode-<n>, no-answer, other), with their latency")
			.tag("kind", kind(kind))
			.tag("outcome", outcome)
			.register(this.registry);
	}

	static String kind(TokenSubject.Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

}

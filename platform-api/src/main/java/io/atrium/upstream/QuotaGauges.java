package io.atrium.upstream;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quota figures read from the shared Redis when scraped (docs/metrics.md): per API, the share of Atrium's daily limit
 * the busiest account has used today; the accounts near a daily limit; the quota breakers open now. The same on
 * every instance: aggregate with {@code max}. Which accounts they are, the console's operations views say (per
 * account in Redis, never a tag here). One read of the peaks serves every API's gauge of a scrape.
 */
final class QuotaGauges implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(QuotaGauges.class);

	/** Scrapes of every API's gauge come within milliseconds: one read of the day's peaks serves them all. */
	private static final long PEAKS_FRESH_NANOS = 1_000_000_000L;

	private final UpstreamUsage usage;

	private final QuotaBreaker breaker;

	private final WeChatApis apis;

	private volatile Peaks peaks = new Peaks(Map.of(), System.nanoTime() - 2 * PEAKS_FRESH_NANOS);

	QuotaGauges(UpstreamUsage usage, QuotaBreaker breaker, WeChatApis apis) {
		this.usage = usage;
		this.breaker = breaker;
		this.apis = apis;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (WeChatApi api : this.apis.listed()) {
			Gauge.builder("atrium.upstream.quota.peak", () -> reading(() -> peakShare(api)))
				.description("Share (0-1) of Atrium's daily limit per account (atrium.upstream.per-day) the busiest "
						+ "account used of this API today (WeChat's day, Asia/Shanghai)")
				.tag("api", api.key())
				.strongReference(true)
				.register(registry);
		}
		Gauge.builder("atrium.upstream.quota.near",
				() -> reading(() -> (double) this.usage.accountsNearQuota(this.usage.today())))
			.description("Accounts that used " + UpstreamUsage.NEAR_QUOTA_PERCENT + " % or more of the daily limit of "
					+ "an API today")
			.strongReference(true)
			.register(registry);
		Gauge.builder("atrium.upstream.breakers.open", () -> reading(() -> (double) this.breaker.countOpen()))
			.description("Quota breakers open now (an account's API stopped after 45009 until midnight "
					+ "Asia/Shanghai, or after 45011 for a minute)")
			.strongReference(true)
			.register(registry);
	}

	private double peakShare(WeChatApi api) {
		int perDay = this.apis.perDay();
		if (perDay <= 0) {
			return Double.NaN;
		}
		Peaks current = this.peaks;
		if (System.nanoTime() - current.readAt() > PEAKS_FRESH_NANOS) {
			current = new Peaks(this.usage.platformPeaks(this.usage.today()), System.nanoTime());
			this.peaks = current;
		}
		return current.byApi().getOrDefault(api.key(), 0L) / (double) perDay;
	}

	private static Double reading(Supplier<Double> read) {
		try {
			return read.get();
		}
		catch (RuntimeException ex) {
			logger.debug("No quota gauge reading: {}", ex.toString());
			return Double.NaN;
		}
	}

	private record Peaks(Map<String, Long> byApi, long readAt) {

	}

}

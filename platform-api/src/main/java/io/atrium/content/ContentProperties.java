package io.atrium.content;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Atrium calls WeChat's content APIs ({@code atrium.content.*}).
 *
 * @param connectTimeout TCP connect timeout per attempt
 * @param readTimeout read timeout per attempt
 * @param limits per-account, per-API call limits, shared by all instances
 * @param retry the retry of transient faults
 */
@ConfigurationProperties("atrium.content")
public record ContentProperties(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue Limits limits, @DefaultValue Retry retry) {

	/**
	 * Calls per account and API, counted across every instance (Redis). WeChat publishes no per-minute numbers for
	 * these APIs and counts a third party's calls against the merchant's own daily quota, so the defaults leave
	 * most of that quota to the merchant: per minute {@code 60} list pages, {@code 120} single articles,
	 * {@code 60} material pages, {@code 30} counts; per day {@code 5000} of each.
	 *
	 * @param freepublishBatchget per minute, {@code freepublish/batchget}
	 * @param freepublishGetarticle per minute, {@code freepublish/getarticle}
	 * @param materialBatchget per minute, {@code material/batchget_material}
	 * @param materialCount per minute, {@code material/get_materialcount}
	 * @param perDay per day, each API
	 */
	public record Limits(@DefaultValue("60") int freepublishBatchget, @DefaultValue("120") int freepublishGetarticle,
			@DefaultValue("60") int materialBatchget, @DefaultValue("30") int materialCount,
			@DefaultValue("5000") int perDay) {

		int perMinute(ContentEndpoint endpoint) {
			return switch (endpoint) {
				case PUBLISHED_PAGE -> this.freepublishBatchget;
				case PUBLISHED_ARTICLE -> this.freepublishGetarticle;
				case MATERIAL_PAGE -> this.materialBatchget;
				case MATERIAL_COUNT -> this.materialCount;
			};
		}

	}

	/**
	 * Retry of transient faults (errcode -1, HTTP 5xx, I/O): exponential backoff with jitter, at most
	 * {@code maxAttempts} attempts and no new attempt once {@code budget} has passed since the first.
	 *
	 * @param maxAttempts attempts in all, the first included
	 * @param initialBackoff wait before the second attempt (before jitter)
	 * @param multiplier growth of the wait per attempt
	 * @param jitter randomization factor: each wait is drawn from {@code wait × (1 ± jitter)}
	 * @param maxBackoff longest single wait
	 * @param budget total time after which no attempt starts
	 */
	public record Retry(@DefaultValue("4") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
			@DefaultValue("2") double multiplier, @DefaultValue("0.5") double jitter,
			@DefaultValue("2s") Duration maxBackoff, @DefaultValue("3s") Duration budget) {

	}

}

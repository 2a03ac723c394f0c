package io.atrium.upstream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.atrium.account.PermissionSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Atrium calls WeChat's authorizer APIs ({@code atrium.upstream.*}), for the content API and the gateway alike.
 *
 * @param connectTimeout TCP connect timeout per attempt
 * @param readTimeout read timeout per attempt
 * @param perDay Atrium's own limit of calls per account, API and day: WeChat counts a third party's calls against
 * the merchant's own daily quota, so the default leaves most of that quota to the merchant
 * @param unlistedPerMinute the per-minute limit of APIs the registry does not list (all of them together, per
 * account)
 * @param apis entries added to the registry, or changes to built-in ones by key (e.g.
 * {@code atrium.upstream.apis.menu-get.per-minute=30}); see {@link WeChatApis}
 * @param retry the retry of transient faults
 * @param cacheLifetime how long an instance keeps an account or an API key it read (changes evict it everywhere at
 * once; this bounds a lost eviction)
 */
@ConfigurationProperties("atrium.upstream")
public record UpstreamProperties(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("5000") int perDay, @DefaultValue("60") int unlistedPerMinute, Map<String, Api> apis,
		@DefaultValue Retry retry, @DefaultValue("60s") Duration cacheLifetime) {

	public UpstreamProperties {
		apis = (apis != null) ? Map.copyOf(apis) : Map.of();
	}

	/**
	 * A registry entry from configuration: for a new key, {@code method} and {@code path} are required; for a
	 * built-in key, what is set replaces the built-in value.
	 *
	 * @param method the HTTP method
	 * @param path WeChat's path, e.g. {@code /cgi-bin/tags/get}
	 * @param permissionSets the sets of which the account must have granted one (enum names, e.g. {@code USER_MANAGEMENT})
	 * @param perMinute calls per account and minute
	 * @param retryable whether a transient fault may be retried (only for calls safe to repeat)
	 */
	public record Api(String method, String path, List<PermissionSet> permissionSets, Integer perMinute,
			Boolean retryable) {

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

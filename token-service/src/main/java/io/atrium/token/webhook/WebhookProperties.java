package io.atrium.token.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Webhooks to the provider's systems ({@code atrium.webhooks.*}).
 *
 * @param workers deliveries in flight at once on this instance (threads); a slow receiver holds one for at most
 * {@code timeout}
 * @param pollInterval how often an instance looks for due deliveries (it also looks at once after queueing one)
 * @param connectTimeout TCP (and TLS) connect timeout of a delivery
 * @param timeout longest a delivery may take, connect and answer included; past it the attempt failed
 * @param lease how long a claimed delivery stays with the instance that claimed it; longer than {@code timeout}, so
 * only an instance that died (or lost PostgreSQL) leaves a lease to run out, and another instance then claims it
 * @param backoff waits after the first, second, ... failed attempt; the last repeats
 * @param retryFor how long after it was queued (or redelivered) a delivery is retried; then it is dead
 * @param allowPlainHttp whether {@code http://} URLs may be configured (tests, a provider's internal network);
 * otherwise only {@code https://}
 * @param allowLoopback whether a URL may lead to a loopback address (tests and the demo)
 * @param allowedNetworks CIDR blocks a URL may lead to even though private (the provider's own network); every
 * other private, link-local or reserved address is refused, as for the image proxy
 * @param syncBudget how long the answer to WeChat waits for the synchronous endpoint of an account
 * @param maxReplySize the largest answer read from a receiver (the synchronous reply); the rest is ignored
 * @param keepDelivered how long a delivered delivery stays in the log
 * @param keepDead how long a dead letter waits for an operator's redelivery before it is deleted
 * @param rotationOverlap how long the old secret still signs (a second {@code v1=}) after a rotation, unless the
 * operator revokes it at once
 */
@ConfigurationProperties("atrium.webhooks")
public record WebhookProperties(@DefaultValue("4") int workers, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("3s") Duration connectTimeout, @DefaultValue("5s") Duration timeout,
		@DefaultValue("60s") Duration lease,
		@DefaultValue({ "10s", "30s", "2m", "10m", "30m", "1h", "2h", "4h" }) List<Duration> backoff,
		@DefaultValue("24h") Duration retryFor, @DefaultValue("false") boolean allowPlainHttp,
		@DefaultValue("false") boolean allowLoopback, @DefaultValue List<String> allowedNetworks,
		@DefaultValue("3s") Duration syncBudget, @DefaultValue("64KB") DataSize maxReplySize,
		@DefaultValue("7d") Duration keepDelivered, @DefaultValue("30d") Duration keepDead,
		@DefaultValue("24h") Duration rotationOverlap) {

	public WebhookProperties {
		backoff = List.copyOf(backoff);
		allowedNetworks = List.copyOf(allowedNetworks);
		if (workers < 1 || backoff.isEmpty()) {
			throw new IllegalArgumentException("atrium.webhooks.workers must be at least 1 and backoff not empty");
		}
		if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
			// A lease that can run out while its delivery is still being sent lets a second instance send it too.
			throw new IllegalArgumentException("atrium.webhooks.lease must be at least twice atrium.webhooks.timeout");
		}
	}

	/** The wait after the given number of failed attempts (1 or more). */
	Duration backoffAfter(int failedAttempts) {
		return this.backoff.get(Math.min(failedAttempts, this.backoff.size()) - 1);
	}

}

package io.atrium.token.webhook;

import java.time.Instant;

/**
 * One message (or a test) queued for one endpoint, as the delivery log shows it. The payload stays out: it
 * carries what users wrote.
 *
 * @param deliveryId the {@code Atrium-Webhook-Id} header: the same for WeChat's retries of a message
 * @param kind {@code text}, {@code event:subscribe}, ..., or {@code test}
 * @param status {@code PENDING}, {@code DELIVERED} or {@code DEAD}
 * @param lastStatus the receiver's last HTTP status, null if it never answered
 * @param lastError why the last attempt failed (status, timeout, refused address), null after success
 * @param latencyMs how long the last attempt took
 */
public record WebhookDelivery(long id, long endpointId, String deliveryId, String appId, String kind, String status,
		int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError, Integer latencyMs,
		Instant createdAt, Instant lastAttemptAt, Instant deliveredAt) {

	public static final String PENDING = "PENDING";

	public static final String DELIVERED = "DELIVERED";

	public static final String DEAD = "DEAD";

}

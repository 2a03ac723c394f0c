package io.atrium.token.webhook;

/**
 * What waits at an endpoint: deliveries still pending (due, retried or in flight) and dead letters.
 */
public record DeliveryCounts(long pending, long dead) {

	public static final DeliveryCounts NONE = new DeliveryCounts(0, 0);

}

package io.atrium.token.webhook;

/**
 * An endpoint with deliveries waiting: pending ones (due, retried or in flight) and dead letters, for operators'
 * overview across tenants.
 */
public record WebhookBacklog(WebhookEndpoint endpoint, DeliveryCounts counts) {
}

/**
 * Webhooks to the provider's systems: operators' endpoints (per tenant or platform-wide), a durable outbox in
 * PostgreSQL written when a message is accepted ({@link io.atrium.token.message.AccountMessageReceived}), signed
 * deliveries with retries on a growing backoff, dead letters and redelivery, and the optional synchronous reply.
 * The console uses {@link io.atrium.token.webhook.WebhookService}; the protocol receivers see is in
 * {@code docs/webhooks.md}.
 */
package io.atrium.token.webhook;

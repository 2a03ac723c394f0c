package io.atrium.token.webhook;

import java.time.Instant;

/**
 * A configured endpoint, without its secret (which is shown once, when created or rotated, and never again).
 *
 * @param tenantId null for a platform-wide endpoint (every tenant's messages)
 * @param eventFilter what it receives, as stored ({@code *}, {@code text,event:subscribe}, ...)
 * @param syncReply whether its answer is awaited and becomes the passive reply (one per tenant)
 */
public record WebhookEndpoint(long id, Long tenantId, String url, String eventFilter, boolean enabled,
		boolean syncReply, String createdBy, Instant createdAt, Instant updatedAt) {

	boolean receives(String msgType, String event) {
		return EventFilter.stored(this.eventFilter).matches(msgType, event);
	}

}

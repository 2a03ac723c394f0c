package io.atrium.tenant;

import java.time.Instant;

/**
 * A merchant served by the platform. It owns official accounts, console users and API keys.
 */
public record Tenant(long id, String name, String contactName, String contactEmail, String contactPhone, String note,
		Instant createdAt, Instant updatedAt) {
}

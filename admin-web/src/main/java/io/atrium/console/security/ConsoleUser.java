package io.atrium.console.security;

import java.time.Instant;

/**
 * A console user as pages show it: never the password hash.
 *
 * @param tenantId the tenant a {@link ConsoleRole#MERCHANT} is bound to; null for operators
 */
public record ConsoleUser(long id, String username, ConsoleRole role, Long tenantId, boolean enabled,
		Instant createdAt) {
}

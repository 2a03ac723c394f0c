package io.atrium.token.onboarding;

import java.time.Instant;
import java.util.UUID;

/**
 * One authorization link handed to a tenant, as stored. The pre-auth code itself is not kept, only its hash.
 *
 * @param completedCodeHash the authorization code that completed the session, null while pending
 * @param returnedAt when the browser came back through the return URL with that code, null before
 */
record OnboardingSession(UUID id, long tenantId, Instant expiresAt, String completedAppId, CodeHash completedCodeHash,
		Instant completedAt, Instant returnedAt, Instant createdAt) {

	boolean isCompleted() {
		return this.completedAt != null;
	}

}

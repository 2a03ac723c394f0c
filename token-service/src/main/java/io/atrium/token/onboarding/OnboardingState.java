package io.atrium.token.onboarding;

import java.time.Instant;
import java.util.UUID;

/**
 * What the signed {@code state} of an authorization link binds: the tenant that asked, its onboarding session,
 * and when the link dies (with its pre-auth code).
 */
record OnboardingState(long tenantId, UUID sessionId, Instant expiresAt) {
}

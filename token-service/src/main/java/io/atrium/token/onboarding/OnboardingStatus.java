package io.atrium.token.onboarding;

import java.time.Instant;
import java.util.UUID;

/**
 * Where an onboarding session stands, for the console to poll.
 *
 * @param appId the authorized account once {@link Phase#COMPLETED}
 */
public record OnboardingStatus(UUID sessionId, long tenantId, Phase phase, String appId, Instant expiresAt,
		Instant completedAt) {

	public enum Phase {

		/** The link is valid and no authorization has arrived yet. */
		PENDING,

		/** An account was authorized through the link and is in custody. */
		COMPLETED,

		/** The link's pre-auth code expired before anyone authorized. */
		EXPIRED

	}

}

package io.atrium.token.onboarding;

import java.time.Instant;
import java.util.UUID;

/**
 * Where an onboarding session stands, for the console to poll.
 *
 * @param appId the authorized account once {@link Phase#COMPLETED}; the refused one when {@link Phase#REFUSED}, if
 * WeChat named it
 * @param refusal why the last authorization through the link was refused, when {@link Phase#REFUSED}
 */
public record OnboardingStatus(UUID sessionId, long tenantId, Phase phase, String appId, Instant expiresAt,
		Instant completedAt, Refusal refusal) {

	public enum Phase {

		/** The link is valid and no authorization has arrived yet. */
		PENDING,

		/** An account was authorized through the link and is in custody. */
		COMPLETED,

		/**
		 * An authorization came back through the link and was not taken into custody ({@link #refusal}). Until the
		 * link expires, the merchant may still authorize through it (another account, or after the cause is fixed).
		 */
		REFUSED,

		/** The link's pre-auth code expired before anyone authorized. */
		EXPIRED

	}

	/** Why an authorization that came back through the link was not taken into custody. */
	public enum Refusal {

		/** The account is in custody for another tenant. */
		HELD_BY_ANOTHER_TENANT,

		/** WeChat did not accept the authorization code. */
		CODE_REJECTED,

		/** WeChat no longer lists the account as authorized (cancelled meanwhile). */
		NOT_LISTED

	}

	/** Whether the console keeps asking: while nothing final has happened and the link is still valid. */
	public boolean awaiting() {
		return this.phase == Phase.PENDING || this.phase == Phase.REFUSED;
	}

}

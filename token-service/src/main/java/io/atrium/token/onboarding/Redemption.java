package io.atrium.token.onboarding;

import io.atrium.account.OfficialAccount;

/**
 * What came of presenting an authorization code: by this caller, or by whoever redeemed it first.
 *
 * @param account the account as stored, when {@link Outcome#AUTHORIZED}
 * @param appId the authorizer concerned, when known
 */
record Redemption(Outcome outcome, OfficialAccount account, String appId) {

	enum Outcome {

		/** The account is in custody for the session's tenant (or its update is stored). */
		AUTHORIZED,

		/** Someone else holds the claim and has not finished: ask again shortly. */
		IN_PROGRESS,

		/** The account belongs to another tenant; nothing was changed. */
		HELD_BY_ANOTHER_TENANT,

		/** WeChat refused the code (used, expired, unknown) or returned no usable authorization. */
		CODE_REJECTED,

		/** The code was redeemed for another onboarding session: it cannot complete this one. */
		CODE_OF_ANOTHER_SESSION,

		/**
		 * WeChat spent the code unseen and the caller cannot name the authorizer (the browser's return): WeChat's
		 * push, which names it and is retried until answered {@code success}, completes the session.
		 */
		AWAITING_PUSH,

		/** WeChat spent the code unseen and no longer lists the authorizer: the authorization is gone. */
		NOT_LISTED

	}

	static Redemption of(Outcome outcome, String appId) {
		return new Redemption(outcome, null, appId);
	}

}

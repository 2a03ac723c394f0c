package io.atrium.token.onboarding;

import io.atrium.account.OfficialAccount;

import org.springframework.http.HttpStatus;

/**
 * What the browser's return to Atrium came to, and the status its page is answered with.
 *
 * @param account the account in custody, when {@link Outcome#AUTHORIZED}
 */
record ReturnResult(Outcome outcome, OfficialAccount account, String appId) {

	enum Outcome {

		AUTHORIZED(HttpStatus.OK),

		/** The push is redeeming the same code right now; the page reloads itself. */
		IN_PROGRESS(HttpStatus.ACCEPTED),

		/** WeChat spent the code before Atrium could store the account; its push completes it. The page reloads itself. */
		AWAITING_WECHAT(HttpStatus.ACCEPTED),

		/** Missing parameters, a state not signed by Atrium, a session that does not exist or is not the tenant's. */
		INVALID_LINK(HttpStatus.BAD_REQUEST),

		EXPIRED(HttpStatus.BAD_REQUEST),

		/** The return URL was used before, or the session was completed with another code. */
		ALREADY_USED(HttpStatus.BAD_REQUEST),

		CODE_REJECTED(HttpStatus.BAD_REQUEST),

		HELD_BY_ANOTHER_TENANT(HttpStatus.CONFLICT),

		/** The authorization could not be recovered: WeChat does not list the account (cancelled since). */
		NOT_LISTED(HttpStatus.BAD_REQUEST),

		/** WeChat could not be asked, or gave no clear answer; reloading tries again. */
		UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

		private final HttpStatus status;

		Outcome(HttpStatus status) {
			this.status = status;
		}

		HttpStatus status() {
			return this.status;
		}

	}

	static ReturnResult of(Outcome outcome) {
		return new ReturnResult(outcome, null, null);
	}

}

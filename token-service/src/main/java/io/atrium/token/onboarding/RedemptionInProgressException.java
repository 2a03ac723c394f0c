package io.atrium.token.onboarding;

/**
 * A pushed authorization code is being redeemed by someone else right now (the browser's return, most likely). The
 * push is not done with until that finishes, so the callback answers 5xx and WeChat pushes it again.
 */
public class RedemptionInProgressException extends RuntimeException {

	RedemptionInProgressException(String appId) {
		super("The authorization code of " + appId + " is being redeemed by another request");
	}

}

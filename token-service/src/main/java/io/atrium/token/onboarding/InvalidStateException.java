package io.atrium.token.onboarding;

/**
 * The {@code state} of a return URL is not one Atrium signed, or was altered.
 */
class InvalidStateException extends RuntimeException {

	InvalidStateException(String message) {
		super(message);
	}

}

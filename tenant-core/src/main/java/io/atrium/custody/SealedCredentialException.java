package io.atrium.custody;

/**
 * A sealed credential that cannot be opened: altered, moved to another account, or sealed by a key this
 * instance does not hold. Messages never contain the credential or a key.
 */
public final class SealedCredentialException extends RuntimeException {

	SealedCredentialException(String message) {
		super(message);
	}

}

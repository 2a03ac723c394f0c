package io.atrium.token.cache;

/**
 * No valid token could be had within the wait limit. Callers answer 503; the scheduler retries later.
 */
public class TokenUnavailableException extends RuntimeException {

	private final TokenSubject subject;

	public TokenUnavailableException(TokenSubject subject, String reason) {
		super("No " + subject + " token: " + reason);
		this.subject = subject;
	}

	public TokenSubject subject() {
		return this.subject;
	}

}

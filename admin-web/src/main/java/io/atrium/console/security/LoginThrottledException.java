package io.atrium.console.security;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed logins for this username or address: refused without checking the password.
 */
class LoginThrottledException extends AuthenticationException {

	private final Instant lockedUntil;

	LoginThrottledException(Instant lockedUntil) {
		super("Too many failed logins");
		this.lockedUntil = lockedUntil;
	}

	Instant lockedUntil() {
		return this.lockedUntil;
	}

}

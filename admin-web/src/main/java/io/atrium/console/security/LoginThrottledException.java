package io.atrium.console.security;

import java.time.Duration;
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

	/** Whole minutes until the lock ends, rounded up: at least 1. */
	long minutesLeft(Instant now) {
		long seconds = Math.max(0, Duration.between(now, this.lockedUntil).toSeconds());
		return Math.max(1, (seconds + 59) / 60);
	}

}

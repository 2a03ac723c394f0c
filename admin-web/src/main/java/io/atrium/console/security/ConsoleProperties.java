package io.atrium.console.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code atrium.console.*}).
 *
 * @param initialAdmin the administrator created at the first start, when there is none yet
 * @param loginThrottle how failed logins slow down further attempts
 * @param passwords what a new password must be
 */
@ConfigurationProperties("atrium.console")
record ConsoleProperties(InitialAdmin initialAdmin, @DefaultValue LoginThrottle loginThrottle,
		@DefaultValue Passwords passwords) {

	/**
	 * Read once, at the first start; there is no default password.
	 */
	record InitialAdmin(String username, String password) {

		boolean isConfigured() {
			return this.username != null && !this.username.isBlank() && this.password != null
					&& !this.password.isBlank();
		}

		@Override
		public String toString() {
			return "InitialAdmin[username=" + this.username + ", password=******]";
		}

	}

	/**
	 * The login throttle (decisions.md, "Login throttling"). Each count locks, once its free failures are spent, for
	 * {@code firstLock} doubled once per further failure, at most {@code maxLock}; a count is forgotten after
	 * {@code forgetAfter} without failures.
	 *
	 * @param freeFailuresPerUsernameAndAddress failures of one username from one address before it is locked there
	 * @param freeFailuresPerAddress failures from one address, whatever names it tries; higher, because an office's
	 * users often share one address
	 * @param freeFailuresPerUsername failures of one username from all addresses together before it is locked for
	 * every address the user has not logged in from within {@code knownAddressFor}
	 * @param firstLock the first lock's length
	 * @param maxLock the longest lock
	 * @param forgetAfter a quiet period after which a count starts again
	 * @param knownAddressFor how long an address the user logged in from stays theirs (and how long failed attempts
	 * wait to be reported at the next login)
	 * @param knownAddressesPerUser how many such addresses are remembered (the latest ones)
	 */
	record LoginThrottle(@DefaultValue("5") int freeFailuresPerUsernameAndAddress,
			@DefaultValue("20") int freeFailuresPerAddress, @DefaultValue("10") int freeFailuresPerUsername,
			@DefaultValue("1m") Duration firstLock, @DefaultValue("1h") Duration maxLock,
			@DefaultValue("24h") Duration forgetAfter, @DefaultValue("90d") Duration knownAddressFor,
			@DefaultValue("10") int knownAddressesPerUser) {

		LoginThrottle {
			if (freeFailuresPerUsernameAndAddress < 1 || freeFailuresPerAddress < 1 || freeFailuresPerUsername < 1
					|| knownAddressesPerUser < 1) {
				throw new IllegalArgumentException("atrium.console.login-throttle: counts must be at least 1");
			}
			if (firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
				throw new IllegalArgumentException(
						"atrium.console.login-throttle: first-lock must be positive and max-lock at least as long");
			}
		}

	}

	/**
	 * @param minScore the zxcvbn score (0-4) a new password needs besides its 12 characters: 3 means about 10^8
	 * guesses by the estimator's model, far beyond what the login throttle lets anyone try, and is what a phrase of
	 * three or four ordinary words reaches
	 */
	record Passwords(@DefaultValue("3") int minScore) {

		Passwords {
			if (minScore < 0 || minScore > 4) {
				throw new IllegalArgumentException("atrium.console.passwords.min-score is a zxcvbn score, 0 to 4");
			}
		}

	}

}

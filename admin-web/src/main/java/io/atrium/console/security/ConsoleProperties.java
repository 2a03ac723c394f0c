package io.atrium.console.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code atrium.console.*}).
 *
 * @param initialAdmin the administrator created at the first start, when there is none yet
 * @param loginThrottle how many failed logins lock a username or a client address, and for how long
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
	 * @param maxFailuresPerUsername failures that lock a username (whoever tries it)
	 * @param maxFailuresPerAddress failures that lock a client address (whatever names it tries); higher, because
	 * an office's users often share one address
	 * @param lockDuration how long a lock lasts; failures older than this are forgotten
	 */
	record LoginThrottle(@DefaultValue("5") int maxFailuresPerUsername, @DefaultValue("20") int maxFailuresPerAddress,
			@DefaultValue("15m") Duration lockDuration) {
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

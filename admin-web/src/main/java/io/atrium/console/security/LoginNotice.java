package io.atrium.console.security;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * What the user is told after logging in: failed attempts on their name since their previous login. Kept in the
 * (Redis) session until the first page shows it, hence serializable.
 *
 * @param attempts failed or refused logins (and wrong current passwords on {@code /me/password})
 * @param latestAt when the latest was
 * @param latestAddress from which client address (as the throttle counts it)
 */
public record LoginNotice(long attempts, Instant latestAt, String latestAddress) implements Serializable {

	/** The session attribute that carries it to the first page after the login. */
	public static final String SESSION_ATTRIBUTE = LoginNotice.class.getName();

	@Serial
	private static final long serialVersionUID = 1L;

}

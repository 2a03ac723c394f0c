package io.atrium.console.security;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Form login's provider: refuses a locked username before the password is checked (so a locked account cannot be
 * brute-forced slowly, and the right password does not unlock it early), and counts failures. Whether the name is
 * locked depends on the address it is tried from: see {@link LoginFailures}.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

	private final AuthenticationProvider delegate;

	private final LoginFailures failures;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginFailures failures) {
		this.delegate = delegate;
		this.failures = failures;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		Optional<Instant> lockedUntil = this.failures.lockedUntil(username, address);
		if (lockedUntil.isPresent()) {
			logger.warn("Console login refused: locked after repeated failures (address {})", address);
			this.failures.recordRefused(username, address);
			throw new LoginThrottledException(lockedUntil.get());
		}
		try {
			// A success is recorded by the login success handler, which also hands the user their notice.
			return this.delegate.authenticate(authentication);
		}
		catch (BadCredentialsException | AccountStatusException ex) {
			// Never the username: it may be a password typed into the wrong field. A disabled account counts too,
			// or its name could be probed without limit.
			logger.info("Console login failed (address {})", address);
			this.failures.recordFailure(username, address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}

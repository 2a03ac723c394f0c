package io.atrium.apikey;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a bearer key against the stored hashes.
 */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final ApiKeyService keys;

	ApiKeyAuthenticationProvider(ApiKeyService keys) {
		this.keys = keys;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String secret = ((ApiKeyAuthentication) authentication).secret();
		return this.keys.authenticate(secret)
			.map(ApiKeyAuthentication::checked)
			.orElseThrow(() -> new BadCredentialsException("Unknown or revoked API key"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

}

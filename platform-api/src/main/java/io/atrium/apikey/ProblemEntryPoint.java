package io.atrium.apikey;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401, 403 and a key's 429 as RFC 9457 problems: 401 with the challenge the caller needs, 403 when the key lacks
 * the scope the endpoint needs, 429 with {@code Retry-After} past the key's own limit. Never echoes what was sent.
 */
class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler, KeyAuthenticationFilter.Refusals {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"atrium\"");
		ApiProblems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
				"Send an active, unexpired API key as 'Authorization: Bearer <key>'");
	}

	@Override
	public void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		commence(request, response, ex);
	}

	@Override
	public void limited(HttpServletResponse response, int perMinute, Duration wait) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
		ApiProblems.write(response, HttpStatus.TOO_MANY_REQUESTS, "API key limit reached",
				"This API key may make " + perMinute + " requests per minute");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		ApiProblems.write(response, HttpStatus.FORBIDDEN, "Scope missing", "This API key's scopes do not include "
				+ ApiSecurityConfiguration.requiredScope(request).value() + ", which this endpoint needs");
	}

}

package io.atrium.apikey;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.atrium.upstream.AccountRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <key>}; a request without one goes on unauthenticated (and is refused by
 * the authorization rules), a request with a wrong one is refused here.
 */
class BearerKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final AuthenticationManager authenticationManager;

	private final AuthenticationEntryPoint entryPoint;

	private final AccountRateLimiter limiter;

	private final ApiKeyUsage usage;

	BearerKeyAuthenticationFilter(AuthenticationManager authenticationManager, AuthenticationEntryPoint entryPoint,
			AccountRateLimiter limiter, ApiKeyUsage usage) {
		this.authenticationManager = authenticationManager;
		this.entryPoint = entryPoint;
		this.limiter = limiter;
		this.usage = usage;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		ApiKey key;
		try {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			ApiKeyAuthentication checked = (ApiKeyAuthentication) this.authenticationManager
				.authenticate(ApiKeyAuthentication.unchecked(header.substring(BEARER.length()).trim()));
			context.setAuthentication(checked);
			SecurityContextHolder.setContext(context);
			key = checked.key();
		}
		catch (AuthenticationException ex) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, ex);
			return;
		}
		if (!admitted(key, response)) {
			return;
		}
		chain.doFilter(request, response);
	}

	/** Counts the request for the key and applies the key's own limit, if it has one. */
	private boolean admitted(ApiKey key, HttpServletResponse response) throws IOException {
		this.usage.used(key.id());
		Integer perMinute = key.grant().perMinute();
		if (perMinute == null) {
			return true;
		}
		Optional<Duration> wait = this.limiter.tryTake("api-key:" + key.id(), perMinute);
		if (wait.isEmpty()) {
			return true;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.get().toSeconds()));
		ApiProblems.write(response, HttpStatus.TOO_MANY_REQUESTS, "API key limit reached",
				"This API key may make " + perMinute + " requests per minute");
		return false;
	}

}

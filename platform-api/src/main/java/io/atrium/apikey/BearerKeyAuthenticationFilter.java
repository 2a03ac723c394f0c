package io.atrium.apikey;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
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

	BearerKeyAuthenticationFilter(AuthenticationManager authenticationManager, AuthenticationEntryPoint entryPoint) {
		this.authenticationManager = authenticationManager;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		try {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(this.authenticationManager
				.authenticate(ApiKeyAuthentication.unchecked(header.substring(BEARER.length()).trim())));
			SecurityContextHolder.setContext(context);
		}
		catch (AuthenticationException ex) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

}

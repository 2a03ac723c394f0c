package io.atrium.apikey;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.atrium.upstream.AccountRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the API key where the caller puts it ({@link KeySource}); a request without one goes on unauthenticated
 * (and is refused by the authorization rules), a request with a wrong one is refused here, and so is a request
 * past the key's own limit. Each request is counted for the key ({@link ApiKeyUsage}).
 */
class KeyAuthenticationFilter extends OncePerRequestFilter {

	private final KeySource source;

	private final AuthenticationManager authenticationManager;

	private final Refusals refusals;

	private final AccountRateLimiter limiter;

	private final ApiKeyUsage usage;

	KeyAuthenticationFilter(KeySource source, AuthenticationManager authenticationManager, Refusals refusals,
			AccountRateLimiter limiter, ApiKeyUsage usage) {
		this.source = source;
		this.authenticationManager = authenticationManager;
		this.refusals = refusals;
		this.limiter = limiter;
		this.usage = usage;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String secret = this.source.secret(request);
		if (secret == null) {
			chain.doFilter(request, response);
			return;
		}
		ApiKey key;
		try {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			ApiKeyAuthentication checked = (ApiKeyAuthentication) this.authenticationManager
				.authenticate(ApiKeyAuthentication.unchecked(secret));
			context.setAuthentication(checked);
			SecurityContextHolder.setContext(context);
			key = checked.key();
		}
		catch (AuthenticationException ex) {
			SecurityContextHolder.clearContext();
			this.refusals.unauthenticated(request, response, ex);
			return;
		}
		this.usage.used(key.id());
		Integer perMinute = key.grant().perMinute();
		if (perMinute != null) {
			Optional<Duration> wait = this.limiter.tryTake("api-key:" + key.id(), perMinute);
			if (wait.isPresent()) {
				this.refusals.limited(response, perMinute, wait.get());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** Where a caller puts its key. */
	enum KeySource {

		/** {@code Authorization: Bearer <key>}: the REST API. */
		BEARER {
			@Override
			String secret(HttpServletRequest request) {
				String header = request.getHeader(HttpHeaders.AUTHORIZATION);
				if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
					return null;
				}
				return header.substring(7).trim();
			}
		},

		/** {@code ?access_token=<key>}: an unchanged WeChat SDK pointed at Atrium. */
		ACCESS_TOKEN_PARAMETER {
			/** From the raw query only: reading parameters could consume a form body the gateway must pass on. */
			@Override
			String secret(HttpServletRequest request) {
				String query = request.getQueryString();
				if (query == null) {
					return null;
				}
				for (String pair : query.split("&")) {
					if (pair.startsWith("access_token=") && pair.length() > 13) {
						return URLDecoder.decode(pair.substring(13), StandardCharsets.UTF_8);
					}
				}
				return null;
			}
		};

		abstract String secret(HttpServletRequest request);

	}

	/** How a caller is told no, in the shape it understands. */
	interface Refusals {

		void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
				throws IOException;

		void limited(HttpServletResponse response, int perMinute, Duration wait) throws IOException;

	}

}

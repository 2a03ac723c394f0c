package io.atrium.observability;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request an id: the one a trusted proxy sent if it is sane (1 to 64 letters, digits, {@code . _ : -}),
 * else a new one (32 hex digits, random, not secret). It is in the MDC while the request runs, so every log line
 * (and the structured log's field) carries it, and in the response's header, so a caller can quote it.
 */
final class RequestIdFilter extends OncePerRequestFilter {

	static final String MDC_KEY = "requestId";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final String header;

	private final boolean trustIncoming;

	RequestIdFilter(RequestIdProperties properties) {
		this.header = properties.header();
		this.trustIncoming = properties.trustIncoming();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = requestId(request.getHeader(this.header));
		response.setHeader(this.header, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	private String requestId(String incoming) {
		if (this.trustIncoming && incoming != null && SANE.matcher(incoming).matches()) {
			return incoming;
		}
		// ThreadLocalRandom, not UUID.randomUUID(): an id needs no secrecy, and SecureRandom costs on every request.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return hex(random.nextLong()) + hex(random.nextLong());
	}

	private static String hex(long value) {
		String digits = Long.toHexString(value);
		return "0".repeat(16 - digits.length()) + digits;
	}

}

package io.atrium.console.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's login redirects for htmx. Sends an htmx request (a polled part of a page) to the login page as htmx
 * understands it: 401 with
 * {@code HX-Redirect}, which makes the whole page navigate. A plain 302 would be followed inside the XHR, and htmx
 * would swap the login form into the polled part of the page.
 */
final class HtmxLoginRedirect implements AuthenticationEntryPoint {

	/** htmx marks every request it makes with this header. */
	static final RequestMatcher HTMX_REQUEST = new RequestHeaderRequestMatcher("HX-Request", "true");

	private final String location;

	/** @param location the login page, e.g. {@code /login}, relative to the context path */
	HtmxLoginRedirect(String location) {
		this.location = location;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		send(request, response, this.location);
	}

	/**
	 * Remembers, for after the login, only page requests a person made: never a polled fragment (after logging in,
	 * the user would land on a bare piece of a page), nor the favicon. In a cookie, not the session: an anonymous
	 * visit must not leave a session in Redis.
	 */
	static RequestCache pageRequestCache() {
		CookieRequestCache cache = new CookieRequestCache();
		cache.setRequestMatcher(new AndRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/**"),
				new NegatedRequestMatcher(HTMX_REQUEST),
				new NegatedRequestMatcher(PathPatternRequestMatcher.pathPattern("/favicon.ico"))));
		return cache;
	}

	/** Sends the browser to {@code location} (relative to the context path): HX-Redirect for htmx, else a 302. */
	static void send(HttpServletRequest request, HttpServletResponse response, String location) throws IOException {
		String target = request.getContextPath() + location;
		if (HTMX_REQUEST.matches(request)) {
			response.setHeader("HX-Redirect", target);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		}
		else {
			response.sendRedirect(target);
		}
	}

}

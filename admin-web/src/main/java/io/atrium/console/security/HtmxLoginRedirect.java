package io.atrium.console.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Sends an htmx request (a polled part of a page) to the login page as htmx understands it: 401 with
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

package io.atrium.console.security;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose user was disabled, or whose password was set, after the session logged in. Sessions
 * live in Redis and any instance may serve the next request, so the database decides: one query by the indexed
 * lower-cased username per console request (static resources excepted).
 */
class SessionCheckFilter extends OncePerRequestFilter {

	/** The session attribute holding when this session logged in (or last changed its own password). */
	static final String LOGGED_IN_AT = SessionCheckFilter.class.getName() + ".loggedInAt";

	private final ConsoleUserRepository users;

	SessionCheckFilter(ConsoleUserRepository users) {
		this.users = users;
	}

	static void loggedInAt(HttpSession session, Instant time) {
		session.setAttribute(LOGGED_IN_AT, time);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/webjars/") || path.startsWith("/css/") || path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (session != null && authentication != null
				&& authentication.getPrincipal() instanceof ConsolePrincipal principal && !stands(principal, session)) {
			session.invalidate();
			SecurityContextHolder.clearContext();
			HtmxLoginRedirect.send(request, response, "/login?expired");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean stands(ConsolePrincipal principal, HttpSession session) {
		// A session from before this check was deployed has no login time; its creation precedes its login.
		Instant loggedInAt = (session.getAttribute(LOGGED_IN_AT) instanceof Instant time) ? time
				: Instant.ofEpochMilli(session.getCreationTime());
		Optional<ConsoleUserRepository.Standing> standing = this.users.findStanding(principal.getUsername());
		return standing.isPresent() && standing.get().enabled()
				&& !standing.get().credentialsChangedAt().isAfter(loggedInAt);
	}

}

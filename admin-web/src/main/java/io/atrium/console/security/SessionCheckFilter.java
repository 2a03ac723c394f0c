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
 * Ends a console session whose user was disabled, or whose password was set since the session logged in. Sessions
 * live in Redis and any instance may serve the next request, so the database decides: one query by the indexed
 * lower-cased username per console request (static resources excepted). The session remembers the
 * {@code credentials_changed_at} its password was checked against, read in the same row as the password hash, and
 * stands while the database still holds that very value: no clock is compared, so neither a reset racing the login
 * nor clocks that differ between instances can keep an old session alive or end a fresh one.
 */
class SessionCheckFilter extends OncePerRequestFilter {

	/** The session attribute holding the credentials version (credentials_changed_at) this session logged in with. */
	static final String CREDENTIALS_SEEN = SessionCheckFilter.class.getName() + ".credentialsSeen";

	private final ConsoleUserRepository users;

	SessionCheckFilter(ConsoleUserRepository users) {
		this.users = users;
	}

	static void credentialsSeen(HttpSession session, Instant credentialsChangedAt) {
		session.setAttribute(CREDENTIALS_SEEN, credentialsChangedAt);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/webjars/") || path.startsWith("/assets/") || path.equals("/favicon.ico");
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
		Optional<ConsoleUserRepository.Standing> standing = this.users.findStanding(principal.getUsername());
		if (standing.isEmpty() || !standing.get().enabled()) {
			return false;
		}
		Instant changedAt = standing.get().credentialsChangedAt();
		if (session.getAttribute(CREDENTIALS_SEEN) instanceof Instant seen) {
			return seen.equals(changedAt);
		}
		// A session from before this check was deployed: its creation precedes its login.
		return !changedAt.isAfter(Instant.ofEpochMilli(session.getCreationTime()));
	}

}

package io.atrium.outage;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter: a request that failed because PostgreSQL or Redis was out of reach is answered by
 * {@link StorageOutage} instead of the container's 500 page. It sits outside the session filter, so a session that
 * could not be loaded or saved in Redis is caught too.
 */
class StorageOutageFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(StorageOutageFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!StorageOutage.isCause(ex) || response.isCommitted()) {
				throw ex;
			}
			// The failure's kind only: a driver's message may quote a connection string.
			logger.warn("Answered 503 to {} {}: storage unavailable ({})", request.getMethod(), request.getRequestURI(),
					rootCause(ex).getClass().getName());
			StorageOutage.answer(request, response);
		}
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}

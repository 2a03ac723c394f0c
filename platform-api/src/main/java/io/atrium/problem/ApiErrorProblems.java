package io.atrium.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The error page of {@code /api/**}: whatever ended in the container's error dispatch (an unknown path, a method or
 * media type the endpoint does not serve, a URL the firewall refused, an unexpected failure) is answered as an RFC
 * 9457 problem, like every other API error, instead of Spring's default JSON or Tomcat's HTML. It runs on the error
 * dispatch to {@code /error} only and leaves the console's error page alone. The body is written here, not through
 * content negotiation, so an {@code Accept} the API cannot serve still gets a problem. Nothing of the request or
 * of the failure is repeated.
 */
class ApiErrorProblems extends OncePerRequestFilter {

	static final String API_PREFIX = "/api/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String failed = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (failed == null || !failed.startsWith(request.getContextPath() + API_PREFIX) || response.isCommitted()) {
			chain.doFilter(request, response);
			return;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve((code instanceof Integer value) ? value : 500);
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		ObjectNode problem = json.createObjectNode()
			.put("type", "about:blank")
			.put("title", status.getReasonPhrase())
			.put("status", status.value())
			.put("detail", detail(status));
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(json.writeValueAsString(problem));
	}

	private static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "No such endpoint; the API is described at /api/openapi.yaml";
			case METHOD_NOT_ALLOWED -> "This endpoint does not take that method; see /api/openapi.yaml";
			case NOT_ACCEPTABLE -> "The API answers application/json (errors application/problem+json)";
			case UNSUPPORTED_MEDIA_TYPE -> "The API takes application/json";
			case BAD_REQUEST -> "The request was refused as malformed";
			default -> status.is5xxServerError() ? "Atrium could not answer this request; try again later"
					: status.getReasonPhrase();
		};
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}

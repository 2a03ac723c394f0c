package io.atrium.apikey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes an RFC 9457 problem from the security filters, which answer before any controller advice could.
 */
final class ApiProblems {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ApiProblems() {
	}

	static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write(json.writeValueAsString(json.createObjectNode()
				.put("type", "about:blank")
				.put("title", problem.getTitle())
				.put("status", problem.getStatus())
				.put("detail", problem.getDetail())));
	}

}

package io.atrium.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a route answers: status, content type, body and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

	public static final String JSON = "application/json; charset=UTF-8";

	public Reply {
		headers = Map.copyOf(headers);
	}

	public static Reply json(int status, byte[] body) {
		return new Reply(status, JSON, body, Map.of());
	}

	public static Reply html(int status, String html) {
		return new Reply(status, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8),
				Map.of("Cache-Control", "no-store"));
	}

	public static Reply text(int status, String text) {
		return new Reply(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	public static Reply redirect(String location) {
		return new Reply(302, "text/plain; charset=UTF-8", new byte[0], Map.of("Location", location));
	}

	public static Reply noContent() {
		return new Reply(204, "text/plain; charset=UTF-8", new byte[0], Map.of());
	}

}

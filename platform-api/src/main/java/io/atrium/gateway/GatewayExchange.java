package io.atrium.gateway;

import java.io.IOException;

import io.atrium.apikey.ApiKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet side of a forwarded call, the same for both ways in: the call read from the request (query without
 * any {@code access_token}, body held or streamed), and WeChat's answer written back as it came.
 */
final class GatewayExchange {

	private GatewayExchange() {
	}

	static GatewayCall read(HttpServletRequest request, ApiKey key, String appId, String path) throws IOException {
		String method = request.getMethod();
		RequestBody body = "POST".equals(method)
				? RequestBody.of(request.getInputStream(), request.getContentLengthLong()) : RequestBody.none();
		return new GatewayCall(key, appId, method, path, withoutAccessToken(request.getQueryString()),
				request.getContentType(), body);
	}

	static void write(UpstreamAnswer answer, HttpServletResponse response) throws IOException {
		try (answer) {
			response.setStatus(answer.status());
			answer.headers().forEach(response::setHeader);
			answer.writeTo(response.getOutputStream());
		}
	}

	/** The query as sent, less any {@code access_token} (a key or a token is never forwarded). */
	static String withoutAccessToken(String query) {
		if (query == null || query.isEmpty()) {
			return "";
		}
		StringBuilder kept = new StringBuilder();
		for (String pair : query.split("&")) {
			if (pair.isEmpty() || pair.equals("access_token") || pair.startsWith("access_token=")) {
				continue;
			}
			if (!kept.isEmpty()) {
				kept.append('&');
			}
			kept.append(pair);
		}
		return kept.toString();
	}

}

package io.atrium.sandbox.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dispatches requests by method and path. Templates may hold {@code {name}} segments and end with {@code **} (any
 * rest). Unknown paths answer 404, known paths with another method 405; a {@link WeChatException} that reaches here
 * becomes a WeChat error body, a {@link ControlException} a JSON {@code {"error": ...}} with its status.
 */
public final class Router implements HttpHandler {

	private static final Logger logger = LoggerFactory.getLogger(Router.class);

	/** What a route reads at most unless it was registered with a limit of its own. */
	public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

	private final Map<String, Map<String, Registered>> exact = new HashMap<>();

	private final List<TemplateRoute> templates = new ArrayList<>();

	private final WeChatReplies replies;

	public Router(WeChatReplies replies) {
		this.replies = replies;
	}

	/** Registers a route; call before the server starts (the tables are not guarded for concurrent changes). */
	public Router add(String method, String template, Route route) {
		return add(method, template, route, DEFAULT_MAX_BODY_BYTES);
	}

	/**
	 * Registers a route that reads bodies up to {@code maxBodyBytes} (larger ones answer 413 before the route runs),
	 * for the few routes, such as uploads, that take more than {@link #DEFAULT_MAX_BODY_BYTES}.
	 */
	public Router add(String method, String template, Route route, int maxBodyBytes) {
		Registered registered = new Registered(route, maxBodyBytes);
		if (template.contains("{") || template.endsWith("**")) {
			this.templates.add(new TemplateRoute(method, template.split("/"), registered));
		}
		else {
			this.exact.computeIfAbsent(template, (path) -> new HashMap<>()).put(method, registered);
		}
		return this;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Reply reply;
			try {
				reply = dispatch(exchange);
			}
			catch (BodyTooLargeException ex) {
				reply = Reply.text(413, "request body too large");
			}
			catch (RuntimeException ex) {
				logger.error("Sandbox route failed for {} {}", exchange.getRequestMethod(),
						exchange.getRequestURI().getRawPath(), ex);
				reply = controlError(500, "internal sandbox error: " + ex.getClass().getSimpleName());
			}
			write(exchange, reply);
		}
	}

	private Reply dispatch(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String path = exchange.getRequestURI().getRawPath();
		Map<String, Registered> byMethod = this.exact.get(path);
		Map<String, String> pathParams = Map.of();
		Registered route = null;
		Set<String> allowed = new LinkedHashSet<>();
		if (byMethod != null) {
			route = byMethod.get(method);
			allowed.addAll(byMethod.keySet());
		}
		else {
			String[] segments = path.split("/");
			for (TemplateRoute candidate : this.templates) {
				Map<String, String> params = candidate.match(segments);
				if (params == null) {
					continue;
				}
				allowed.add(candidate.method());
				if (candidate.method().equals(method) && route == null) {
					route = candidate.route();
					pathParams = params;
				}
			}
		}
		if (route == null) {
			// An unread body is drained when the exchange closes (InputStream.skip would bypass its length limit).
			if (allowed.isEmpty()) {
				return Reply.text(404, "404 Not Found");
			}
			return new Reply(405, "text/plain; charset=UTF-8", "405 Method Not Allowed".getBytes(StandardCharsets.UTF_8),
					Map.of("Allow", String.join(", ", allowed)));
		}
		Request request = new Request(method, path, exchange.getRequestURI().getRawQuery(), pathParams,
				readBody(exchange.getRequestBody(), route.maxBodyBytes()), firstValues(exchange.getRequestHeaders()),
				clientIp(exchange));
		try {
			return route.route().handle(request);
		}
		catch (WeChatException ex) {
			return this.replies.error(ex);
		}
		catch (ControlException ex) {
			return controlError(ex.status(), ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Reply controlError(int status, String message) {
		ObjectNode body = Json.object();
		body.put("error", message);
		return Json.reply(status, body);
	}

	private static void write(HttpExchange exchange, Reply reply) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", reply.contentType());
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		byte[] body = reply.body();
		if (body.length == 0) {
			exchange.sendResponseHeaders(reply.status(), -1);
			return;
		}
		exchange.sendResponseHeaders(reply.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static byte[] readBody(InputStream in, int maxBodyBytes) throws IOException {
		byte[] body = in.readNBytes(maxBodyBytes + 1);
		if (body.length > maxBodyBytes) {
			throw new BodyTooLargeException();
		}
		return body;
	}

	private static Map<String, String> firstValues(Headers headers) {
		Map<String, String> first = new HashMap<>();
		headers.forEach((name, values) -> {
			if (!values.isEmpty()) {
				first.put(name, values.get(0));
			}
		});
		return first;
	}

	private static String clientIp(HttpExchange exchange) {
		InetSocketAddress remote = exchange.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		InetAddress address = remote.getAddress();
		return (address != null) ? address.getHostAddress() : remote.getHostString();
	}

	/** A route and the largest body it reads. */
	private record Registered(Route route, int maxBodyBytes) {
	}

	private record TemplateRoute(String method, String[] segments, Registered route) {

		/** Path parameters when the path matches, else {@code null}. */
		Map<String, String> match(String[] path) {
			boolean tail = this.segments.length > 0 && "**".equals(this.segments[this.segments.length - 1]);
			int fixed = tail ? this.segments.length - 1 : this.segments.length;
			if (tail ? path.length <= fixed : path.length != fixed) {
				return null;
			}
			Map<String, String> params = new HashMap<>();
			for (int i = 0; i < fixed; i++) {
				String expected = this.segments[i];
				if (expected.startsWith("{") && expected.endsWith("}")) {
					if (path[i].isEmpty()) {
						return null;
					}
					params.put(expected.substring(1, expected.length() - 1),
							URLDecoder.decode(path[i], StandardCharsets.UTF_8));
				}
				else if (!expected.equals(path[i])) {
					return null;
				}
			}
			if (tail) {
				params.put("**", String.join("/", Arrays.copyOfRange(path, fixed, path.length)));
			}
			return params;
		}

	}

	private static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException() {
			super("body too large", null, false, false);
		}

	}

}

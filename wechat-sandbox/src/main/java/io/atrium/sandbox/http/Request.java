package io.atrium.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the sandbox's routes see it: the body is already read. Header names are kept in lower case
 * (HTTP header names are case-insensitive).
 */
public final class Request {

	private final String method;

	private final String path;

	private final Map<String, List<String>> query;

	private final Map<String, String> pathParams;

	private final byte[] body;

	private final String rawQuery;

	private final Map<String, String> headers;

	private final String clientIp;

	public Request(String method, String path, String rawQuery, Map<String, String> pathParams, byte[] body) {
		this(method, path, rawQuery, pathParams, body, Map.of(), null);
	}

	/**
	 * @param headers the first value of each request header
	 * @param clientIp the caller's address as WeChat would see it, may be null
	 */
	public Request(String method, String path, String rawQuery, Map<String, String> pathParams, byte[] body,
			Map<String, String> headers, String clientIp) {
		this.method = method;
		this.path = path;
		this.rawQuery = rawQuery;
		this.query = decodeParameters(rawQuery);
		this.pathParams = Map.copyOf(pathParams);
		this.body = body;
		Map<String, String> lowerCase = new LinkedHashMap<>();
		headers.forEach((name, value) -> lowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
		this.headers = Collections.unmodifiableMap(lowerCase);
		this.clientIp = clientIp;
	}

	public String method() {
		return this.method;
	}

	public String path() {
		return this.path;
	}

	/** The first value of a query parameter, or {@code null}. */
	public String query(String name) {
		List<String> values = this.query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/** The query string as sent (still URL-encoded), or null. */
	public String rawQuery() {
		return this.rawQuery;
	}

	/** A request header (any case), or {@code null}. */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** The caller's IP address, or {@code null} when unknown. */
	public String clientIp() {
		return this.clientIp;
	}

	public String pathParam(String name) {
		return this.pathParams.get(name);
	}

	public byte[] body() {
		return this.body;
	}

	/** The body read as {@code application/x-www-form-urlencoded}. */
	public Map<String, List<String>> form() {
		return decodeParameters(new String(this.body, StandardCharsets.UTF_8));
	}

	static Map<String, List<String>> decodeParameters(String raw) {
		if (raw == null || raw.isEmpty()) {
			return Collections.emptyMap();
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape is kept as typed rather than failing the whole request.
			return value;
		}
	}

}

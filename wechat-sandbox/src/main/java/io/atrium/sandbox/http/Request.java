package io.atrium.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/** One HTTP request as the sandbox's routes see it: the body is already read. */
public final class Request {

	private final String method;

	private final String path;

	private final Map<String, List<String>> query;

	private final Map<String, String> pathParams;

	private final byte[] body;

	public Request(String method, String path, String rawQuery, Map<String, String> pathParams, byte[] body) {
		this.method = method;
		this.path = path;
		this.query = decodeParameters(rawQuery);
		this.pathParams = Map.copyOf(pathParams);
		this.body = body;
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

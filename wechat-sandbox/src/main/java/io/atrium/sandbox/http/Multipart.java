package io.atrium.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small {@code multipart/form-data} reader (RFC 7578) for the sandbox's upload endpoints. The sandbox has no
 * multipart library on its classpath and wants none (it stays free of servlet and Spring dependencies), and a fake
 * of WeChat only needs what clients send: parts delimited by a boundary, each with a {@code Content-Disposition}
 * header naming it (and its file) and an optional {@code Content-Type}. Whole bodies are in memory already (the
 * router read them), so this works on a byte array. Not supported, because no WeChat client sends them:
 * {@code Content-Transfer-Encoding}, nested multiparts, RFC 5987 {@code filename*=}.
 */
public final class Multipart {

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] HEADER_END = { '\r', '\n', '\r', '\n' };

	private Multipart() {
	}

	/**
	 * The parts of a body.
	 * @param contentType the request's {@code Content-Type} header, may be null
	 * @throws MalformedMultipartException when the body is not {@code multipart/form-data} with that boundary
	 */
	public static List<Part> parse(String contentType, byte[] body) {
		String boundary = boundary(contentType)
			.orElseThrow(() -> new MalformedMultipartException("not multipart/form-data with a boundary"));
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		// The first delimiter may open the body or follow a preamble after a CRLF.
		int position = indexOf(body, delimiter, 0);
		if (position < 0 || (position > 0 && !precededByCrlf(body, position))) {
			throw new MalformedMultipartException("no opening boundary");
		}
		byte[] nextDelimiter = concat(CRLF, delimiter);
		List<Part> parts = new ArrayList<>();
		while (true) {
			int afterDelimiter = position + delimiter.length;
			if (startsWith(body, afterDelimiter, new byte[] { '-', '-' })) {
				return parts;
			}
			int lineEnd = indexOf(body, CRLF, afterDelimiter);
			if (lineEnd < 0 || !isBlank(body, afterDelimiter, lineEnd)) {
				throw new MalformedMultipartException("boundary line not followed by CRLF");
			}
			int headersStart = lineEnd + CRLF.length;
			int headersEnd;
			int contentStart;
			if (startsWith(body, headersStart, CRLF)) {
				// No headers at all.
				headersEnd = headersStart;
				contentStart = headersStart + CRLF.length;
			}
			else {
				headersEnd = indexOf(body, HEADER_END, headersStart);
				if (headersEnd < 0) {
					throw new MalformedMultipartException("part headers not terminated");
				}
				contentStart = headersEnd + HEADER_END.length;
			}
			int contentEnd = indexOf(body, nextDelimiter, contentStart);
			if (contentEnd < 0) {
				throw new MalformedMultipartException("no closing boundary");
			}
			parts.add(part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
					Arrays.copyOfRange(body, contentStart, contentEnd)));
			position = contentEnd + CRLF.length;
		}
	}

	/** The boundary parameter of a {@code multipart/form-data} content type. */
	static Optional<String> boundary(String contentType) {
		if (contentType == null) {
			return Optional.empty();
		}
		List<String> segments = splitParameters(contentType);
		if (!segments.get(0).trim().equalsIgnoreCase("multipart/form-data")) {
			return Optional.empty();
		}
		String boundary = parameters(segments).get("boundary");
		// RFC 2046: 1 to 70 characters.
		if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
			return Optional.empty();
		}
		return Optional.of(boundary);
	}

	private static Part part(String headerBlock, byte[] content) {
		String disposition = null;
		String partType = null;
		for (String line : headerBlock.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new MalformedMultipartException("malformed part header");
			}
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			if (name.equals("content-disposition")) {
				disposition = value;
			}
			else if (name.equals("content-type")) {
				partType = value;
			}
		}
		if (disposition == null) {
			throw new MalformedMultipartException("part without Content-Disposition");
		}
		List<String> segments = splitParameters(disposition);
		if (!segments.get(0).trim().equalsIgnoreCase("form-data")) {
			throw new MalformedMultipartException("part is not form-data");
		}
		Map<String, String> parameters = parameters(segments);
		String name = parameters.get("name");
		if (name == null) {
			throw new MalformedMultipartException("part without a name");
		}
		return new Part(name, parameters.get("filename"), partType, content);
	}

	/** Splits at semicolons outside quoted strings. */
	private static List<String> splitParameters(String value) {
		List<String> segments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (quoted && c == '\\' && i + 1 < value.length()) {
				current.append(c).append(value.charAt(++i));
				continue;
			}
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == ';' && !quoted) {
				segments.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		segments.add(current.toString());
		return segments;
	}

	/** {@code name=value} or {@code name="value"} after the first segment; names in lower case. */
	private static Map<String, String> parameters(List<String> segments) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String segment : segments.subList(1, segments.size())) {
			int eq = segment.indexOf('=');
			if (eq <= 0) {
				continue;
			}
			String name = segment.substring(0, eq).trim().toLowerCase(Locale.ROOT);
			parameters.putIfAbsent(name, unquote(segment.substring(eq + 1).trim()));
		}
		return parameters;
	}

	private static String unquote(String value) {
		if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
			return value;
		}
		StringBuilder unquoted = new StringBuilder();
		for (int i = 1; i < value.length() - 1; i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length() - 1) {
				c = value.charAt(++i);
			}
			unquoted.append(c);
		}
		return unquoted.toString();
	}

	private static boolean precededByCrlf(byte[] body, int position) {
		return position >= 2 && body[position - 2] == '\r' && body[position - 1] == '\n';
	}

	/** Only transport padding (spaces, tabs) may follow a boundary on its line. */
	private static boolean isBlank(byte[] body, int from, int to) {
		for (int i = from; i < to; i++) {
			if (body[i] != ' ' && body[i] != '\t') {
				return false;
			}
		}
		return true;
	}

	private static boolean startsWith(byte[] body, int offset, byte[] prefix) {
		if (offset < 0 || offset + prefix.length > body.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (body[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	static int indexOf(byte[] body, byte[] pattern, int from) {
		if (pattern.length == 0) {
			return from;
		}
		int last = body.length - pattern.length;
		byte first = pattern[0];
		for (int i = Math.max(from, 0); i <= last; i++) {
			if (body[i] == first && startsWith(body, i, pattern)) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] joined = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		return joined;
	}

	/**
	 * One part of a form.
	 * @param filename the {@code filename} of its {@code Content-Disposition}, null for a plain field
	 * @param contentType its {@code Content-Type}, null when it has none
	 */
	public record Part(String name, String filename, String contentType, byte[] content) {
	}

	/** The body is not a well-formed {@code multipart/form-data} body. */
	public static final class MalformedMultipartException extends IllegalArgumentException {

		MalformedMultipartException(String message) {
			super(message);
		}

	}

}

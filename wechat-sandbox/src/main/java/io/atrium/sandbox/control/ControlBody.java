package io.atrium.sandbox.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Request;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A control request's JSON body, with typed getters that answer 400 for a wrong type. */
final class ControlBody {

	private final JsonNode node;

	private ControlBody(JsonNode node) {
		this.node = node;
	}

	/** The body as a JSON object; an empty body counts as {@code {}}. */
	static ControlBody of(Request request) {
		byte[] body = request.body();
		if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
			return new ControlBody(Json.object());
		}
		JsonNode node;
		try {
			node = Json.read(body);
		}
		catch (JacksonException ex) {
			throw ControlException.badRequest("body is not valid JSON");
		}
		if (node == null || !node.isObject()) {
			throw ControlException.badRequest("body must be a JSON object");
		}
		return new ControlBody(node);
	}

	boolean has(String field) {
		JsonNode value = this.node.get(field);
		return value != null && !value.isNull();
	}

	String string(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw ControlException.badRequest(field + " must be a string");
		}
		return value.stringValue();
	}

	Long number(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw ControlException.badRequest(field + " must be an integer");
		}
		return value.longValue();
	}

	Integer integer(String field) {
		Long value = number(field);
		if (value == null) {
			return null;
		}
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw ControlException.badRequest(field + " is out of range");
		}
		return value.intValue();
	}

	Double decimal(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			throw ControlException.badRequest(field + " must be a number");
		}
		return value.doubleValue();
	}

	Boolean bool(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			throw ControlException.badRequest(field + " must be true or false");
		}
		return value.booleanValue();
	}

	List<Integer> integers(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isArray()) {
			throw ControlException.badRequest(field + " must be an array of integers");
		}
		List<Integer> values = new ArrayList<>();
		for (JsonNode element : value.values()) {
			if (!element.isIntegralNumber() || !element.canConvertToInt()) {
				throw ControlException.badRequest(field + " must be an array of integers");
			}
			values.add(element.intValue());
		}
		return values;
	}

	ControlBody object(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw ControlException.badRequest(field + " must be an object");
		}
		return new ControlBody(value);
	}

}

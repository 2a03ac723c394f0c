package io.atrium.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The JSON object a WeChat API call posts. */
public final class WeChatBody {

	private final JsonNode node;

	private WeChatBody(JsonNode node) {
		this.node = node;
	}

	/** Parses a body; an empty one answers 44002, one that is not a JSON object 47001. */
	public static WeChatBody parse(Request request) {
		byte[] body = request.body();
		if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
			throw WeChatError.EMPTY_POST_DATA.exception();
		}
		return tryParse(body).orElseThrow(WeChatError.DATA_FORMAT_ERROR::exception);
	}

	/** For a look at the body before the checks that come first (fault targeting, attribution). */
	public static Optional<WeChatBody> tryParse(byte[] body) {
		if (body.length == 0) {
			return Optional.empty();
		}
		try {
			JsonNode node = Json.read(body);
			return (node != null && node.isObject()) ? Optional.of(new WeChatBody(node)) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/** A string field, or null when it is absent, null or not a string. */
	public String string(String field) {
		JsonNode value = this.node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/** A nested object ({@code "text": {"content": ...}}), or null when absent or not an object. */
	public WeChatBody object(String field) {
		JsonNode value = this.node.get(field);
		return (value != null && value.isObject()) ? new WeChatBody(value) : null;
	}

	/** A field as parsed, for bodies with nested structures (a menu's buttons); null when absent. */
	public JsonNode raw(String field) {
		return this.node.get(field);
	}

	public boolean has(String field) {
		JsonNode value = this.node.get(field);
		return value != null && !value.isNull();
	}

	/** An integer field, or null when absent; 40097 when it is there but not a JSON integer. */
	public Integer integer(String field) {
		JsonNode value = this.node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw WeChatError.INVALID_ARGS.exception();
		}
		return value.intValue();
	}

}

package io.atrium.sandbox.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the sandbox (thread-safe) and the few operations the routes need. */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	public static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	public static ArrayNode array() {
		return MAPPER.createArrayNode();
	}

	public static byte[] write(JsonNode node) {
		return MAPPER.writeValueAsBytes(node);
	}

	public static String writeString(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

	/** Parses a body; throws {@link JacksonException} when it is not JSON. */
	public static JsonNode read(byte[] body) {
		return MAPPER.readTree(body);
	}

	public static Reply reply(int status, JsonNode node) {
		return Reply.json(status, write(node));
	}

}

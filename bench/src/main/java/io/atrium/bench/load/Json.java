package io.atrium.bench.load;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON read and written by the run (answers of Atrium's API and of the sandbox's control API). */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	public static JsonNode read(String json) {
		return MAPPER.readTree(json);
	}

	public static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

}

package io.atrium.gateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the small JSON answers the gateway looks into. */
final class GatewayJson {

	private static final JsonMapper json = JsonMapper.builder().build();

	private GatewayJson() {
	}

	static JsonNode read(byte[] body) {
		return json.readTree(body);
	}

}

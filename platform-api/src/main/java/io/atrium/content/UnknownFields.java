package io.atrium.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields WeChat answered that this code does not know yet: kept as they came, so that they reach the REST
 * answer unchanged instead of being dropped by a release that predates them.
 */
final class UnknownFields {

	private UnknownFields() {
	}

	static Map<String, Object> copyOf(Map<String, Object> fields) {
		return (fields != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(fields)) : Map.of();
	}

}

package io.atrium.sandbox.content;

import java.util.Optional;

/** The permanent material types of {@code material/batchget_material}, by their wire value. */
public enum MaterialType {

	IMAGE("image"), VIDEO("video"), VOICE("voice"), NEWS("news");

	private final String wireValue;

	MaterialType(String wireValue) {
		this.wireValue = wireValue;
	}

	/** The value of the request's {@code type} field. */
	public String wireValue() {
		return this.wireValue;
	}

	/** The type for a request's {@code type} value; empty for anything else. */
	public static Optional<MaterialType> fromWire(String value) {
		for (MaterialType type : values()) {
			if (type.wireValue.equals(value)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}

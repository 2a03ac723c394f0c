package io.atrium.content;

/**
 * A parameter is out of range or unknown; caught before any call to WeChat, so no quota is spent.
 */
public class InvalidContentRequestException extends RuntimeException {

	private final String parameter;

	public InvalidContentRequestException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	public String parameter() {
		return this.parameter;
	}

}

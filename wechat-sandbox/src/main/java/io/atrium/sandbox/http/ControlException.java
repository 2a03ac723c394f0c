package io.atrium.sandbox.http;

/** A bad request to the control API: answered with this status and a JSON {@code {"error": message}}. */
public class ControlException extends RuntimeException {

	private final int status;

	public ControlException(int status, String message) {
		super(message);
		this.status = status;
	}

	public static ControlException badRequest(String message) {
		return new ControlException(400, message);
	}

	public static ControlException notFound(String message) {
		return new ControlException(404, message);
	}

	public int status() {
		return this.status;
	}

}

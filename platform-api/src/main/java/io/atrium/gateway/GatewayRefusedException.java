package io.atrium.gateway;

/**
 * The gateway refused a call before it reached WeChat: a path it never forwards (component, secret and OAuth APIs,
 * quota clearing, anything that is not a plain path) or one the key's allow-list does not name.
 */
final class GatewayRefusedException extends RuntimeException {

	enum Reason {

		/** Never forwarded, whoever asks. */
		NOT_FORWARDED,

		/** Not on the calling key's path allow-list. */
		NOT_ALLOWED

	}

	private final Reason reason;

	private final String path;

	GatewayRefusedException(Reason reason, String path) {
		super((reason == Reason.NOT_ALLOWED) ? "This API key may not call " + path + " (its wechat:call paths do not "
				+ "include it)" : "The gateway does not forward " + path + ": component and secret-based APIs and "
						+ "quota clearing are not authorizer calls (see docs/gateway.md)",
				null, false, false);
		this.reason = reason;
		this.path = path;
	}

	Reason reason() {
		return this.reason;
	}

	String path() {
		return this.path;
	}

}

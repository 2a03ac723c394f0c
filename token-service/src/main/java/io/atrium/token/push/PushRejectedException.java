package io.atrium.token.push;

import org.springframework.http.HttpStatus;

/**
 * A push refused before anything was changed: malformed, forged, stale, replayed, oversized or addressed to an
 * account Atrium does not answer for. The reason is short, fixed text that never repeats the request.
 */
public class PushRejectedException extends RuntimeException {

	private final HttpStatus status;

	public PushRejectedException(HttpStatus status, String reason) {
		super(reason);
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

	public static PushRejectedException malformed(String reason) {
		return new PushRejectedException(HttpStatus.BAD_REQUEST, reason);
	}

	public static PushRejectedException forged(String reason) {
		return new PushRejectedException(HttpStatus.FORBIDDEN, reason);
	}

}

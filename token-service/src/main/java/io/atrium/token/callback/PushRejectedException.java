package io.atrium.token.callback;

import org.springframework.http.HttpStatus;

/**
 * A push refused before anything was changed: malformed, forged, stale, replayed or oversized. The reason is
 * short, fixed text that never repeats the request.
 */
class PushRejectedException extends RuntimeException {

	private final HttpStatus status;

	PushRejectedException(HttpStatus status, String reason) {
		super(reason);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

	static PushRejectedException malformed(String reason) {
		return new PushRejectedException(HttpStatus.BAD_REQUEST, reason);
	}

	static PushRejectedException forged(String reason) {
		return new PushRejectedException(HttpStatus.FORBIDDEN, reason);
	}

}

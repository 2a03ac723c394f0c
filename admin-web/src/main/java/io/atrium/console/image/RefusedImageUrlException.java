package io.atrium.console.image;

import org.springframework.http.HttpStatus;

/**
 * The proxy will not fetch this URL: malformed ({@code 400}) or outside what it may reach ({@code 403}). The
 * message is a short reason for the answer and never repeats the URL.
 */
class RefusedImageUrlException extends RuntimeException {

	private final HttpStatus status;

	RefusedImageUrlException(HttpStatus status, String reason) {
		super(reason);
		this.status = status;
	}

	static RefusedImageUrlException malformed(String reason) {
		return new RefusedImageUrlException(HttpStatus.BAD_REQUEST, reason);
	}

	static RefusedImageUrlException forbidden(String reason) {
		return new RefusedImageUrlException(HttpStatus.FORBIDDEN, reason);
	}

	HttpStatus status() {
		return this.status;
	}

}

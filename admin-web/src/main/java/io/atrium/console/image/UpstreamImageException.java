package io.atrium.console.image;

/**
 * The image host could not be reached or did not answer with an acceptable image (answered {@code 502}).
 */
class UpstreamImageException extends RuntimeException {

	UpstreamImageException(String reason) {
		super(reason);
	}

	UpstreamImageException(String reason, Throwable cause) {
		super(reason, cause);
	}

}

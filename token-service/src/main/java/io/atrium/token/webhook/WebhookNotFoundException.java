package io.atrium.token.webhook;

/**
 * An endpoint or delivery that does not exist or is not in the caller's scope (another tenant's, or a tenant's
 * when platform-wide ones were asked for): answered the same way, so one cannot tell the two apart.
 */
public final class WebhookNotFoundException extends RuntimeException {

	WebhookNotFoundException(String what) {
		super(what + " not found");
	}

}

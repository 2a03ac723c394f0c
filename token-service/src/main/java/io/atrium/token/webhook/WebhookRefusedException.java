package io.atrium.token.webhook;

/**
 * An operator's webhook input that is refused, and changed nothing: a malformed or forbidden URL, a filter entry
 * that names nothing, a second synchronous endpoint. {@link #messageKey()} is the console's message for it;
 * {@link #detail()} what to show with it (never a secret).
 */
public final class WebhookRefusedException extends RuntimeException {

	private final String messageKey;

	private final String detail;

	private WebhookRefusedException(String messageKey, String detail) {
		super(messageKey + ((detail != null) ? ": " + detail : ""));
		this.messageKey = messageKey;
		this.detail = detail;
	}

	static WebhookRefusedException badUrl(String why) {
		return new WebhookRefusedException("webhook.error.url", why);
	}

	static WebhookRefusedException forbiddenAddress(String host) {
		return new WebhookRefusedException("webhook.error.address", host);
	}

	static WebhookRefusedException unresolvable(String host) {
		return new WebhookRefusedException("webhook.error.unresolvable", host);
	}

	static WebhookRefusedException plainHttp() {
		return new WebhookRefusedException("webhook.error.https", null);
	}

	static WebhookRefusedException badFilter(String entry) {
		return new WebhookRefusedException("webhook.error.filter", entry);
	}

	static WebhookRefusedException secondSyncEndpoint() {
		return new WebhookRefusedException("webhook.error.sync-taken", null);
	}

	static WebhookRefusedException syncNeedsTenant() {
		return new WebhookRefusedException("webhook.error.sync-tenant", null);
	}

	static WebhookRefusedException notDead() {
		return new WebhookRefusedException("webhook.error.not-dead", null);
	}

	public String messageKey() {
		return this.messageKey;
	}

	public String detail() {
		return this.detail;
	}

}

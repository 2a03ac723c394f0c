package io.atrium.token.webhook;

/**
 * An endpoint with its signing secret, returned once when the endpoint is created or its secret rotated, to be
 * shown in that answer only. {@code toString} leaves the secret out.
 */
public record IssuedWebhookSecret(WebhookEndpoint endpoint, String secret) {

	@Override
	public String toString() {
		return "IssuedWebhookSecret[endpoint=" + this.endpoint.id() + "]";
	}

}

package io.atrium.token.webhook;

import java.util.Optional;

import io.atrium.token.message.AccountMessageReceived;
import io.atrium.token.message.PassiveReply;
import io.atrium.token.message.PassiveReplySource;
import io.atrium.token.webhook.WebhookHttp.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The synchronous webhook: a tenant's one endpoint flagged {@code sync_reply} gets the message on the request
 * thread, within {@code atrium.webhooks.sync-budget}, and an answer {@code 200} with
 * <pre>{"reply": {"msgType": "text", "content": "..."}}</pre> (or {@code "image"}/{@code "voice"} with
 * {@code "mediaId"}) becomes the passive reply. That call is the first attempt of the endpoint's outbox row: a 2xx
 * marks it delivered (no second delivery), anything else (no answer in time, an error, a body that is no reply
 * gets {@code success} and is still delivered) leaves it to the usual retries, where the receiver gets the message
 * again without the chance to reply.
 */
class WebhookSyncReplies implements PassiveReplySource {

	private static final Logger logger = LoggerFactory.getLogger(WebhookSyncReplies.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebhookStore store;

	private final WebhookDispatcher dispatcher;

	private final WebhookProperties properties;

	WebhookSyncReplies(WebhookStore store, WebhookDispatcher dispatcher, WebhookProperties properties) {
		this.store = store;
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@Override
	public Optional<PassiveReply> replyTo(AccountMessageReceived message) {
		Optional<WebhookEndpoint> endpoint = this.store.syncEndpoint(message.tenantId())
			.filter((candidate) -> candidate.receives(message.msgType(), message.event()));
		if (endpoint.isEmpty()) {
			return Optional.empty();
		}
		Optional<Long> row = this.store.deliveryRow(endpoint.get().id(), message.deliveryId());
		if (row.isEmpty()) {
			return Optional.empty();
		}
		Optional<Outcome> outcome = this.dispatcher.deliverNow(row.get(), this.properties.syncBudget(), true);
		if (outcome.isEmpty() || !outcome.get().ok() || outcome.get().reply() == null) {
			return Optional.empty();
		}
		return parse(outcome.get().reply(), endpoint.get().id());
	}

	private static Optional<PassiveReply> parse(String body, long endpointId) {
		if (body.isBlank()) {
			return Optional.empty();
		}
		try {
			JsonNode reply = json.readTree(body).path("reply");
			if (!reply.isObject()) {
				return Optional.empty();
			}
			return Optional.of(new PassiveReply(text(reply, "msgType"), text(reply, "content"), text(reply, "mediaId")));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// The receiver's answer is not shown: it may quote what the user wrote.
			logger.info("Synchronous webhook {} answered something that is not a reply Atrium sends", endpointId);
			return Optional.empty();
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}

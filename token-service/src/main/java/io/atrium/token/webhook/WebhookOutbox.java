package io.atrium.token.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.atrium.token.message.AccountMessageReceived;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;

/**
 * Makes a message durable before WeChat gets its answer: one outbox row per endpoint that wants it (the tenant's
 * enabled endpoints and the enabled platform-wide ones, by their filters), written on the request thread by the
 * {@link AccountMessageReceived} event. Two quick queries and no call to anyone; if PostgreSQL fails, the
 * exception makes the push fail 500 and WeChat's retry queues the message again. A message already queued for an
 * endpoint (WeChat's retry after a lost duplicate mark) is not queued twice.
 */
class WebhookOutbox {

	private static final Logger logger = LoggerFactory.getLogger(WebhookOutbox.class);

	private final WebhookStore store;

	private final Clock clock;

	private final Duration syncHold;

	private final Runnable wake;

	WebhookOutbox(WebhookStore store, Clock clock, WebhookProperties properties, Runnable wake) {
		this.store = store;
		this.clock = clock;
		// The synchronous endpoint's row is the reply's first attempt: no poller may take it before that has run.
		this.syncHold = properties.syncBudget().plusSeconds(1);
		this.wake = wake;
	}

	@EventListener
	void onMessage(AccountMessageReceived message) {
		List<WebhookEndpoint> endpoints = this.store.targets(message.tenantId())
			.stream()
			.filter((endpoint) -> endpoint.receives(message.msgType(), message.event()))
			.toList();
		if (endpoints.isEmpty()) {
			return;
		}
		String payload = WebhookPayloads.of(message);
		String kind = WebhookPayloads.kind(message);
		int queued = 0;
		for (WebhookEndpoint endpoint : endpoints) {
			Instant now = this.clock.instant();
			Optional<Long> row = this.store.enqueue(endpoint.id(), message.deliveryId(), message.appId(),
					message.tenantId(), message.fromUserName(), kind, payload, now,
					endpoint.syncReply() ? now.plus(this.syncHold) : now);
			queued += row.isPresent() ? 1 : 0;
		}
		logger.debug("{} queued for {} webhook endpoint(s)", message, queued);
		if (queued > 0) {
			this.wake.run();
		}
	}

}

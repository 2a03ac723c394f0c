package io.atrium.token.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.atrium.custody.CredentialCipher;
import io.atrium.tenant.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators do with webhooks (the console): endpoints of one scope, a tenant's ({@code tenantId}) or the
 * platform-wide ones ({@code null}), and their deliveries. Every call names its scope and every endpoint or
 * delivery is checked against it here, not only in controllers: another scope's endpoint is answered as not found
 * ({@link WebhookNotFoundException}) and changed in nothing. Bad input is refused
 * ({@link WebhookRefusedException}) before anything is stored. Signing secrets leave this class only in an
 * {@link IssuedWebhookSecret}, once.
 */
public class WebhookService {

	private static final Logger logger = LoggerFactory.getLogger(WebhookService.class);

	private final WebhookStore store;

	private final WebhookUrlPolicy urls;

	private final CredentialCipher cipher;

	private final TenantRepository tenants;

	private final WebhookDispatcher dispatcher;

	private final WebhookProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Runnable wake;

	WebhookService(WebhookStore store, WebhookUrlPolicy urls, CredentialCipher cipher, TenantRepository tenants,
			WebhookDispatcher dispatcher, WebhookProperties properties, TransactionTemplate transactions, Clock clock,
			Runnable wake) {
		this.store = store;
		this.urls = urls;
		this.cipher = cipher;
		this.tenants = tenants;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
		this.wake = wake;
	}

	/** The associated data a secret is sealed with: a sealed secret copied onto another endpoint does not open. */
	static String secretBinding(long endpointId) {
		return "webhook-endpoint:" + endpointId;
	}

	public List<WebhookEndpoint> endpoints(Long tenantId) {
		checkTenant(tenantId);
		return this.store.endpoints(tenantId);
	}

	/** Pending deliveries and dead letters per endpoint of the scope ({@link DeliveryCounts#NONE} if absent). */
	public Map<Long, DeliveryCounts> counts(Long tenantId) {
		checkTenant(tenantId);
		return this.store.counts(tenantId);
	}

	/** For operators, across every scope: endpoints with pending deliveries or dead letters, most dead first. */
	public List<WebhookBacklog> backlog(int limit) {
		return this.store.backlog(Math.max(1, Math.min(limit, 500)));
	}

	/**
	 * A new endpoint, enabled, with a new secret.
	 * @param filter what it receives ({@code *}, {@code text}, {@code event:subscribe}, ...; blank for everything)
	 * @param syncReply whether its answer becomes the passive reply (a tenant's endpoint; one per tenant)
	 * @throws WebhookRefusedException for a bad or forbidden URL, a bad filter, a second synchronous endpoint
	 */
	public IssuedWebhookSecret create(Long tenantId, String url, String filter, boolean syncReply, String actor) {
		checkTenant(tenantId);
		URI checked = this.urls.check(url);
		EventFilter events = EventFilter.parse(filter);
		if (syncReply && tenantId == null) {
			throw WebhookRefusedException.syncNeedsTenant();
		}
		String secret = WebhookSecrets.generate();
		long id;
		try {
			id = Objects.requireNonNull(this.transactions.execute((status) -> {
				long created = this.store.insertEndpoint(tenantId, checked.toString(), events.toString(), syncReply,
						actor, this.clock.instant());
				this.store.updateSecret(created, this.cipher.seal(secret, secretBinding(created)), this.clock.instant());
				return created;
			}));
		}
		catch (DuplicateKeyException ex) {
			throw WebhookRefusedException.secondSyncEndpoint();
		}
		logger.info("Webhook endpoint {} created for {} by {}", id, scope(tenantId), actor);
		return new IssuedWebhookSecret(this.store.endpoint(id).orElseThrow(), secret);
	}

	/**
	 * A new secret for the endpoint. The old one keeps signing beside it (a second {@code v1=} value) for
	 * {@code atrium.webhooks.rotation-overlap}, so the receiver can switch without refusing a delivery; with
	 * {@code revokeOld} (a leaked secret) it signs nothing from now on.
	 */
	public IssuedWebhookSecret rotateSecret(Long tenantId, long endpointId, boolean revokeOld, String actor) {
		WebhookEndpoint endpoint = endpoint(tenantId, endpointId);
		String secret = WebhookSecrets.generate();
		Instant now = this.clock.instant();
		this.store.rotateSecret(endpoint.id(), this.cipher.seal(secret, secretBinding(endpoint.id())),
				revokeOld ? null : now.plus(this.properties.rotationOverlap()), now);
		logger.info("Webhook endpoint {} secret rotated by {}{}", endpoint.id(), actor,
				revokeOld ? ", the old one revoked at once" : "");
		return new IssuedWebhookSecret(this.store.endpoint(endpoint.id()).orElseThrow(), secret);
	}

	/**
	 * Disabled: no new messages are queued for it and its pending deliveries wait (they are not sent, and not
	 * declared dead while waiting) until it is enabled again.
	 */
	public void setEnabled(Long tenantId, long endpointId, boolean enabled, String actor) {
		WebhookEndpoint endpoint = endpoint(tenantId, endpointId);
		this.store.updateEnabled(endpoint.id(), enabled, this.clock.instant());
		logger.info("Webhook endpoint {} {} by {}", endpoint.id(), enabled ? "enabled" : "disabled", actor);
		if (enabled) {
			this.wake.run();
		}
	}

	/** The endpoint and its deliveries (the log and the dead letters with it). */
	public void delete(Long tenantId, long endpointId, String actor) {
		WebhookEndpoint endpoint = endpoint(tenantId, endpointId);
		this.store.deleteEndpoint(endpoint.id());
		logger.info("Webhook endpoint {} deleted by {}", endpoint.id(), actor);
	}

	/**
	 * Queues a test delivery ({@code "type": "test"}) and sends it at once, waiting for the answer; a failure is
	 * retried like any delivery. Returns the delivery as recorded.
	 */
	public WebhookDelivery testSend(Long tenantId, long endpointId) {
		WebhookEndpoint endpoint = endpoint(tenantId, endpointId);
		String deliveryId = "test_" + UUID.randomUUID().toString().replace("-", "");
		long row = this.store
			.enqueue(endpoint.id(), deliveryId, null, tenantId, deliveryId, "test",
					WebhookPayloads.test(deliveryId, tenantId, this.clock.instant()), this.clock.instant())
			.orElseThrow();
		if (endpoint.enabled()) {
			this.dispatcher.deliverNow(row, this.properties.timeout(), false);
		}
		return this.store.delivery(row).orElseThrow();
	}

	/** The newest deliveries to the endpoint, optionally of one status ({@code DEAD} for the dead letters). */
	public List<WebhookDelivery> deliveries(Long tenantId, long endpointId, String status, int limit) {
		WebhookEndpoint endpoint = endpoint(tenantId, endpointId);
		return this.store.deliveries(endpoint.id(), status, Math.max(1, Math.min(limit, 200)));
	}

	/**
	 * A dead delivery pending again, due now, with a new retry window.
	 * @throws WebhookRefusedException if it is not dead
	 */
	public void redeliver(Long tenantId, long deliveryRowId, String actor) {
		WebhookDelivery delivery = this.store.delivery(deliveryRowId)
			.orElseThrow(() -> new WebhookNotFoundException("Webhook delivery"));
		endpoint(tenantId, delivery.endpointId());
		if (!this.store.redeliver(delivery.id(), this.clock.instant())) {
			throw WebhookRefusedException.notDead();
		}
		logger.info("Webhook delivery {} redelivered by {}", delivery.id(), actor);
		this.wake.run();
	}

	/** The endpoint, if it is of this scope. */
	public WebhookEndpoint endpoint(Long tenantId, long endpointId) {
		return this.store.endpoint(endpointId)
			.filter((endpoint) -> Objects.equals(endpoint.tenantId(), tenantId))
			.orElseThrow(() -> new WebhookNotFoundException("Webhook endpoint"));
	}

	private void checkTenant(Long tenantId) {
		if (tenantId != null && this.tenants.findById(tenantId).isEmpty()) {
			throw new WebhookNotFoundException("Tenant");
		}
	}

	private static String scope(Long tenantId) {
		return (tenantId != null) ? "tenant " + tenantId : "the platform";
	}

}

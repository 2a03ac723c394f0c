package io.atrium.token.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.atrium.custody.CredentialCipher;
import io.atrium.token.webhook.WebhookHttp.Outcome;
import io.atrium.token.webhook.WebhookStore.Claim;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Sends what the outbox holds. Each instance claims due deliveries ({@link WebhookStore#claim}: {@code for update
 * skip locked} and a lease, one user's deliveries to one endpoint in order), as many as it has free workers, sends
 * each on a worker and records the outcome under its lease: delivered on a 2xx answer; otherwise due again after
 * the next backoff step, or dead once that would fall past the retry window. An instance that dies mid-delivery
 * leaves its lease to run out, after which another claims the row: at least once, never lost. Nothing here runs
 * on a request thread except the synchronous reply and a console test send, which ask for one row.
 */
class WebhookDispatcher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(WebhookDispatcher.class);

	private static final int MAX_CLAIM = 50;

	private static final int PURGE_BATCH = 5_000;

	private final WebhookStore store;

	private final WebhookHttp http;

	private final CredentialCipher cipher;

	private final WebhookProperties properties;

	private final Clock clock;

	private final ThreadPoolExecutor workers;

	private final Semaphore free;

	private final Timer delivered;

	private final Timer retried;

	private final Timer dead;

	WebhookDispatcher(WebhookStore store, WebhookHttp http, CredentialCipher cipher, WebhookProperties properties,
			Clock clock, MeterRegistry meters) {
		this.store = store;
		this.http = http;
		this.cipher = cipher;
		this.properties = properties;
		this.clock = clock;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhook-");
		threads.setDaemon(true);
		// Never more tasks than permits, so the queue stays empty; unbounded only in type.
		this.workers = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), threads);
		this.free = new Semaphore(properties.workers());
		this.delivered = deliveries(meters, "delivered");
		this.retried = deliveries(meters, "retry");
		this.dead = deliveries(meters, "dead");
	}

	private static Timer deliveries(MeterRegistry meters, String outcome) {
		return Timer.builder("atrium.webhook.deliveries")
			.description("Webhook delivery attempts by outcome (delivered: a 2xx answer; retry: failed, due again "
					+ "after its backoff; dead: failed past the retry window), with the receiver's answer time")
			.tag("outcome", outcome)
			.register(meters);
	}

	/**
	 * Claims as many due deliveries as there are free workers and starts sending them.
	 * @return one future per delivery started, done when its outcome is recorded
	 */
	List<CompletableFuture<Void>> poll() {
		int permits = Math.min(this.free.drainPermits(), MAX_CLAIM);
		if (permits == 0) {
			return List.of();
		}
		List<Claim> claims;
		try {
			claims = claim(permits, null);
		}
		catch (RuntimeException ex) {
			this.free.release(permits);
			throw ex;
		}
		this.free.release(permits - claims.size());
		List<CompletableFuture<Void>> started = new ArrayList<>();
		for (Claim claim : claims) {
			started.add(CompletableFuture.runAsync(() -> {
				try {
					attempt(claim, this.properties.timeout(), false);
				}
				catch (RuntimeException ex) {
					// PostgreSQL lost while recording: the lease runs out and the row is claimed again.
					logger.warn("Webhook delivery {} not recorded: {}", claim.id(), ex.toString());
				}
				finally {
					this.free.release();
				}
			}, this.workers));
		}
		return started;
	}

	/**
	 * Sends everything due now and waits for the outcomes, until nothing is due (tests, and an instance without
	 * scheduling). A delivery that fails is not due again before its backoff, so this ends.
	 * @return how many attempts were made
	 */
	int deliverDue() {
		int attempts = 0;
		while (true) {
			List<CompletableFuture<Void>> started = poll();
			if (started.isEmpty()) {
				// Nothing claimed: nothing due, or every worker busy with an earlier poll's deliveries.
				if (this.free.availablePermits() == this.properties.workers()) {
					return attempts;
				}
				sleepBriefly();
				continue;
			}
			CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
			attempts += started.size();
		}
	}

	/**
	 * Sends one delivery now on the calling thread, whatever waits before it for the same user: a console test
	 * send, or the synchronous reply within its budget. Empty when the row is not pending and due or is claimed
	 * by someone else.
	 */
	Optional<Outcome> deliverNow(long rowId, Duration deadline, boolean readReply) {
		List<Claim> claims = claim(1, rowId);
		if (claims.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(attempt(claims.get(0), deadline, readReply));
	}

	/**
	 * Deletes delivered rows older than {@code keep-delivered} and dead letters older than {@code keep-dead}, so the
	 * outbox does not grow for ever; returns how many.
	 */
	int purge() {
		Instant now = this.clock.instant();
		int deleted = 0;
		int batch;
		do {
			batch = this.store.purge(now.minus(this.properties.keepDelivered()), now.minus(this.properties.keepDead()),
					PURGE_BATCH);
			deleted += batch;
		}
		while (batch == PURGE_BATCH);
		if (deleted > 0) {
			logger.info("Deleted {} old webhook deliveries", deleted);
		}
		return deleted;
	}

	private List<Claim> claim(int limit, Long only) {
		Instant now = this.clock.instant();
		return this.store.claim(now, now.plus(this.properties.lease()), UUID.randomUUID().toString(), limit, only);
	}

	private Outcome attempt(Claim claim, Duration deadline, boolean readReply) {
		Outcome outcome;
		String secret = openSecret(claim.sealedSecret(), claim.endpointId());
		if (secret == null) {
			outcome = new Outcome(false, null, "the signing secret cannot be opened (custody key missing)", 0, null);
		}
		else {
			// After a rotation the old secret signs too, for a while: receivers switch without refusing anything.
			String previous = (claim.previousSealedSecret() != null)
					? openSecret(claim.previousSealedSecret(), claim.endpointId()) : null;
			List<String> secrets = (previous != null) ? List.of(secret, previous) : List.of(secret);
			outcome = this.http.post(claim.url(), claim.deliveryId(), claim.payload(), secrets,
					this.clock.instant().getEpochSecond(), deadline, readReply);
		}
		record(claim, outcome);
		return outcome;
	}

	private String openSecret(String sealed, long endpointId) {
		try {
			return this.cipher.open(sealed, WebhookService.secretBinding(endpointId));
		}
		catch (RuntimeException ex) {
			logger.error("Webhook endpoint {}: a signing secret cannot be opened", endpointId);
			return null;
		}
	}

	private void record(Claim claim, Outcome outcome) {
		Instant now = this.clock.instant();
		if (outcome.ok()) {
			this.delivered.record(outcome.latencyMs(), TimeUnit.MILLISECONDS);
			if (!this.store.delivered(claim, outcome.status(), outcome.latencyMs(), now)) {
				logger.info("Webhook delivery {} delivered after its lease ran out", claim.id());
			}
			return;
		}
		int failed = claim.attempts() + 1;
		Instant next = now.plus(this.properties.backoffAfter(failed));
		boolean dead = next.isAfter(claim.windowStart().plus(this.properties.retryFor()));
		(dead ? this.dead : this.retried).record(outcome.latencyMs(), TimeUnit.MILLISECONDS);
		if (this.store.failed(claim, outcome.status(), outcome.error(), outcome.latencyMs(), now, next, dead)) {
			if (dead) {
				logger.warn("Webhook delivery {} to endpoint {} is dead after {} attempts: {}", claim.id(),
						claim.endpointId(), failed, outcome.error());
			}
			else {
				logger.info("Webhook delivery {} to endpoint {} failed (attempt {}): {}; next at {}", claim.id(),
						claim.endpointId(), failed, outcome.error(), next);
			}
		}
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.workers.shutdown();
		if (!this.workers.awaitTermination(this.properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
			this.workers.shutdownNow();
		}
	}

}

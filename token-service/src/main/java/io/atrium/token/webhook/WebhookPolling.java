package io.atrium.token.webhook;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs {@link WebhookDispatcher#poll()} on every instance every {@code atrium.webhooks.poll-interval}, and at once
 * when a delivery was queued or made due here ({@link #wake()}), so a message usually leaves within milliseconds
 * and a delivery queued on another instance within one interval. Off where scheduling is off (tests call the
 * dispatcher themselves). Once an hour it also deletes old deliveries ({@link WebhookDispatcher#purge()}).
 */
class WebhookPolling implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WebhookPolling.class);

	private final WebhookDispatcher dispatcher;

	private final WebhookProperties properties;

	private final AtomicBoolean wakeQueued = new AtomicBoolean();

	private ScheduledExecutorService poller;

	WebhookPolling(WebhookDispatcher dispatcher, WebhookProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	/** Polls soon, once, however often it is called meanwhile. */
	void wake() {
		ScheduledExecutorService current = this.poller;
		if (current != null && this.wakeQueued.compareAndSet(false, true)) {
			current.execute(() -> {
				this.wakeQueued.set(false);
				poll();
			});
		}
	}

	private void poll() {
		try {
			this.dispatcher.poll();
		}
		catch (RuntimeException ex) {
			// PostgreSQL out of reach: the next interval tries again.
			logger.warn("Looking for due webhook deliveries failed: {}", ex.toString());
		}
	}

	private void purge() {
		try {
			this.dispatcher.purge();
		}
		catch (RuntimeException ex) {
			logger.warn("Deleting old webhook deliveries failed: {}", ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhook-poll-");
		threads.setDaemon(true);
		this.poller = Executors.newSingleThreadScheduledExecutor(threads);
		long interval = this.properties.pollInterval().toMillis();
		this.poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
		// Every instance purges too: the deletes are idempotent and small batches.
		this.poller.scheduleWithFixedDelay(this::purge, 10, 60, TimeUnit.MINUTES);
	}

	@Override
	public synchronized void stop() {
		if (this.poller != null) {
			this.poller.shutdownNow();
			this.poller = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.poller != null;
	}

}

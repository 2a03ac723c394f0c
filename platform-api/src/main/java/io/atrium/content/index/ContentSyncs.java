package io.atrium.content.index;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.message.AccountMessageReceived;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.TenantScope;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * When accounts are synced into the content index: on their turn of the schedule (spread over the interval), as
 * soon as they are authorized (a new account is due at once), when WeChat reports a finished publication
 * ({@code PUBLISHJOBFINISH}), and on demand (console, API). Each instance looks for due accounts every tick and
 * leases as many as it has free runs ({@code concurrency}); the lease keeps two instances from syncing one account.
 * Runs go to this instance's own threads, never the scheduler's, so that a long sync never delays a token refresh.
 */
@Service
public class ContentSyncs {

	private static final Logger logger = LoggerFactory.getLogger(ContentSyncs.class);

	private final ContentIndexStore store;

	private final ContentSync sync;

	private final AccountGate gate;

	private final ContentIndexProperties properties;

	private final Clock clock;

	/** Who holds a lease: this instance, for as long as it runs. */
	private final String owner = UUID.randomUUID().toString();

	private final Semaphore free;

	private final ExecutorService runs;

	ContentSyncs(ContentIndexStore store, ContentSync sync, AccountGate gate, ContentIndexProperties properties,
			Clock clock) {
		this.store = store;
		this.sync = sync;
		this.gate = gate;
		this.properties = properties;
		this.clock = clock;
		this.free = new Semaphore(properties.concurrency());
		CustomizableThreadFactory threads = new CustomizableThreadFactory("content-sync-");
		threads.setDaemon(true);
		this.runs = Executors.newFixedThreadPool(properties.concurrency() + 1, threads);
	}

	/**
	 * Leases the due accounts this instance has room for and syncs them on its own threads. One tick at a time, so
	 * that no account is leased without a free run to take it.
	 */
	@Scheduled(fixedDelayString = "${atrium.content.index.tick:30s}", initialDelayString = "${atrium.content.index.tick:30s}")
	public synchronized void tick() {
		int room = this.free.availablePermits();
		if (room == 0) {
			return;
		}
		try {
			this.store.addNewAccounts(this.clock.instant());
			List<String> due = this.store.claimDue(this.clock.instant(), this.owner, this.properties.lease(), room);
			for (String appId : due) {
				if (!this.free.tryAcquire()) {
					// Cannot happen (only ticks take runs, one at a time); the lease lapses and another takes it.
					break;
				}
				this.runs.execute(() -> runThenContinue(appId));
			}
		}
		catch (RuntimeException ex) {
			// PostgreSQL down: the next tick tries again; leases not run lapse within the lease time.
			logger.warn("Could not look for content syncs that are due: {}", ex.toString());
		}
	}

	/**
	 * Syncs one account, then looks for more at once: after a restart or a flood of new accounts, an instance works
	 * through what is due at its {@code concurrency} rather than a few accounts per tick.
	 */
	private void runThenContinue(String appId) {
		try {
			this.sync.run(appId, this.owner);
		}
		catch (RuntimeException ex) {
			// The outcome could not be stored (PostgreSQL down): the lease lapses and the account is due again.
			logger.warn("Content sync of {} could not finish: {}", appId, ex.toString());
		}
		finally {
			this.free.release();
		}
		tick();
	}

	/**
	 * Syncs the account as soon as possible: due now, and looked for at once on this instance (else on the next
	 * tick of any).
	 */
	public void request(TenantScope scope, String appId) {
		OfficialAccount account = this.gate.visible(scope, appId);
		if (account.status() != AccountStatus.AUTHORIZED) {
			throw new AccountNotAuthorizedException(appId, account.status());
		}
		this.store.due(appId, this.clock.instant());
		try {
			this.runs.execute(this::tick);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: another instance's tick takes it.
		}
	}

	/**
	 * Runs the account's sync on the calling thread, unless another instance holds it (then answers empty): for
	 * tests, which need to know when it is done.
	 */
	public Optional<SyncOutcome> syncNow(String appId) {
		this.store.due(appId, this.clock.instant());
		if (!this.store.claim(appId, this.owner, this.properties.lease())) {
			return Optional.empty();
		}
		return Optional.of(this.sync.run(appId, this.owner));
	}

	/** WeChat finished a publication of the account's: its posts changed, so it is due now. */
	@EventListener
	void published(AccountMessageReceived message) {
		if ("event".equals(message.msgType()) && "PUBLISHJOBFINISH".equalsIgnoreCase(message.event())) {
			this.store.due(message.appId(), this.clock.instant());
		}
	}

	@PreDestroy
	void stop() {
		this.runs.shutdownNow();
	}

}

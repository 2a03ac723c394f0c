package io.atrium.token.authorizer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.cache.RefreshSchedule;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.redis.RedisKeyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Refreshes tokens before they count as expired, so that in steady state no request waits on a refresh.
 * <p>
 * Every instance sweeps; a sweep reads only what is due (the schedule's claims, which also keep two instances off
 * one token), runs up to {@link ProactiveRefreshSettings#concurrency()} refreshes at once, and stops when the
 * minute's budget shared by all instances ({@link RefreshBudget}) is spent. Tokens are spread over their lifetime
 * by the random part of each one's due time ({@code atrium.tokens.refresh-spread}). A sweep that finds the schedule
 * lost (a Redis flush) has it rebuilt first, by one instance.
 */
@Component
public class ProactiveTokenRefresher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ProactiveTokenRefresher.class);

	/** A claimed refresh that has not finished by then comes due again (the instance may have died). */
	private static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

	/** Claims per slot and batch: a batch takes a few refreshes' time per thread, far inside the claim lease. */
	private static final int CLAIMS_PER_SLOT = 8;

	/** One instance repairs per period; the others' periodic repairs within it find it done. */
	private static final Duration REPAIR_EXCLUSIVE = Duration.ofMinutes(4);

	private final RefreshSchedule schedule;

	private final ComponentTokenManager componentTokens;

	private final AuthorizerTokenManager authorizerTokens;

	private final OfficialAccountRepository accounts;

	private final RefreshBudget budget;

	private final StringRedisTemplate redis;

	private final String repairKey;

	private final Clock clock;

	private final int batch;

	private final ExecutorService refreshes;

	ProactiveTokenRefresher(RefreshSchedule schedule, ComponentTokenManager componentTokens,
			AuthorizerTokenManager authorizerTokens, OfficialAccountRepository accounts, RefreshBudget budget,
			ProactiveRefreshSettings settings, StringRedisTemplate redis, RedisKeyspace keys, Clock clock) {
		this.schedule = schedule;
		this.componentTokens = componentTokens;
		this.authorizerTokens = authorizerTokens;
		this.accounts = accounts;
		this.budget = budget;
		this.redis = redis;
		this.repairKey = keys.key("refresh-schedule-repair");
		this.clock = clock;
		this.batch = settings.concurrency() * CLAIMS_PER_SLOT;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("token-refresh-");
		threads.setDaemon(true);
		this.refreshes = Executors.newFixedThreadPool(settings.concurrency(), threads);
	}

	/**
	 * Refreshes every token that is due now, as far as this minute's budget goes.
	 * @return how many tokens this sweep handled
	 */
	@Scheduled(fixedDelayString = "${atrium.tokens.sweep-interval:10s}", initialDelayString = "${atrium.tokens.sweep-interval:10s}")
	public int refreshDue() {
		if (!this.schedule.isComplete()) {
			int added = repairSchedule();
			if (added > 0) {
				logger.info("Refresh schedule was lost (Redis flushed?): put {} accounts back on it", added);
			}
		}
		int handled = 0;
		while (true) {
			RefreshBudget.Grant grant = this.budget.take(this.batch);
			if (grant.count() == 0) {
				logger.debug("This minute's proactive refresh budget is spent; the rest waits for the next sweep");
				return handled;
			}
			List<TokenSubject> due = this.schedule.claimDue(this.clock.instant(), grant.count(), CLAIM_LEASE);
			this.budget.giveBack(grant, due.size());
			refreshAll(due);
			handled += due.size();
			if (due.size() < grant.count()) {
				return handled;
			}
		}
	}

	/**
	 * Puts every authorized account without a schedule entry (Redis was flushed, or the account was authorized
	 * before this instance knew of it) on the schedule, due now, and stops listing as failing the accounts that are
	 * no longer authorized. O(accounts) in batches, so it runs rarely, and on one instance per period.
	 * @return how many entries were added
	 */
	@Scheduled(fixedDelayString = "${atrium.tokens.schedule-repair-interval:5m}", initialDelayString = "1m")
	public int repairSchedule() {
		if (!Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(this.repairKey, "1", REPAIR_EXCLUSIVE))) {
			return 0;
		}
		this.authorizerTokens.forgetFailingNotAuthorized();
		List<TokenSubject> authorized = this.accounts.findAppIdsByStatus(AccountStatus.AUTHORIZED)
			.stream()
			.map(TokenSubject::authorizer)
			.toList();
		List<TokenSubject> missing = this.schedule.missing(authorized);
		// Due now, all of them: tokens lost with the schedule are needed now; the sweep's concurrency and budget
		// pace the refreshes, and each one's spread keeps them from coming due together again.
		this.schedule.scheduleAll(missing, this.clock.instant());
		this.schedule.markComplete();
		return missing.size();
	}

	private void refreshAll(List<TokenSubject> due) {
		List<Future<?>> running = new ArrayList<>(due.size());
		for (TokenSubject subject : due) {
			running.add(this.refreshes.submit(() -> refresh(subject)));
		}
		for (Future<?> refresh : running) {
			try {
				refresh.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				logger.warn("Proactive refresh failed unexpectedly", ex.getCause());
			}
		}
	}

	private void refresh(TokenSubject subject) {
		try {
			if (subject.kind() == TokenSubject.Kind.COMPONENT) {
				this.componentTokens.refreshIfDue();
			}
			else {
				this.authorizerTokens.refreshIfDue(subject.appId());
			}
		}
		catch (AccountNotAuthorizedException ex) {
			this.schedule.remove(subject);
			logger.info("Stopped refreshing {}: {}", subject, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// The claim lease brings it back in a minute.
			logger.warn("Proactive refresh of {} failed: {}", subject, ex.getMessage());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.refreshes.shutdownNow();
		this.refreshes.awaitTermination(5, TimeUnit.SECONDS);
	}

}

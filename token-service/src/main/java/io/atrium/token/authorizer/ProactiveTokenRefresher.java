package io.atrium.token.authorizer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.cache.RefreshSchedule;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes tokens before they count as expired, so that in steady state no request waits on a refresh. Every
 * instance sweeps; the schedule's claims share the due work between them.
 */
@Component
public class ProactiveTokenRefresher {

	private static final Logger logger = LoggerFactory.getLogger(ProactiveTokenRefresher.class);

	private static final int BATCH = 50;

	/** A claimed refresh that has not finished by then comes due again (the instance may have died). */
	private static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

	private final RefreshSchedule schedule;

	private final ComponentTokenManager componentTokens;

	private final AuthorizerTokenManager authorizerTokens;

	private final OfficialAccountRepository accounts;

	private final Clock clock;

	public ProactiveTokenRefresher(RefreshSchedule schedule, ComponentTokenManager componentTokens,
			AuthorizerTokenManager authorizerTokens, OfficialAccountRepository accounts, Clock clock) {
		this.schedule = schedule;
		this.componentTokens = componentTokens;
		this.authorizerTokens = authorizerTokens;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Refreshes every token that is due now.
	 * @return how many tokens this sweep handled
	 */
	@Scheduled(fixedDelayString = "${atrium.tokens.sweep-interval:10s}", initialDelayString = "${atrium.tokens.sweep-interval:10s}")
	public int refreshDue() {
		int handled = 0;
		List<TokenSubject> due;
		do {
			due = this.schedule.claimDue(this.clock.instant(), BATCH, CLAIM_LEASE);
			for (TokenSubject subject : due) {
				refresh(subject);
			}
			handled += due.size();
		}
		while (due.size() == BATCH);
		return handled;
	}

	/**
	 * Puts every authorized account without a schedule entry (Redis was flushed, or the account was authorized
	 * before this instance knew of it) on the schedule, due now, and stops listing as failing the accounts that are
	 * no longer authorized. O(accounts), so it runs rarely.
	 * @return how many entries were added
	 */
	@Scheduled(fixedDelayString = "${atrium.tokens.schedule-repair-interval:5m}", initialDelayString = "1m")
	public int repairSchedule() {
		this.authorizerTokens.forgetFailingNotAuthorized();
		int added = 0;
		for (OfficialAccount account : this.accounts.findByStatus(AccountStatus.AUTHORIZED)) {
			TokenSubject subject = TokenSubject.authorizer(account.appId());
			if (!this.schedule.contains(subject)) {
				this.schedule.schedule(subject, this.clock.instant());
				added++;
			}
		}
		return added;
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

}

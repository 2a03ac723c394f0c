package io.atrium.token.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atrium.account.AccountAuthorizations;
import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.authorizer.RefreshTokenRecovery;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.message.ReleaseTestAccounts;
import io.atrium.token.reconcile.ReconcileFindings.Kind;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.AuthorizerPage;
import io.atrium.token.wechat.ComponentClient.ListedAuthorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Compares what Atrium holds with what WeChat knows ({@code api_get_authorizer_list}, 500 a page): restores
 * refresh tokens PostgreSQL lost or holds stale (WeChat's list carries each authorizer's current one), and
 * records findings that need a person: authorizers WeChat lists that Atrium does not hold, and accounts Atrium
 * holds as authorized that WeChat no longer lists.
 */
@Service
public class AuthorizerReconciler implements RefreshTokenRecovery {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizerReconciler.class);

	static final int PAGE_SIZE = 500;

	static final String ACTOR = "reconcile";

	/** The job's name in {@code scheduled_run}. */
	static final String JOB = "reconcile";

	private final ComponentClient client;

	private final ComponentTokenManager componentTokens;

	private final OfficialAccountRepository accounts;

	private final AccountAuthorizations authorizations;

	private final ReconcileFindings findings;

	private final ScheduledRuns runs;

	private final ReconcileProperties properties;

	public AuthorizerReconciler(ComponentClient client, ComponentTokenManager componentTokens,
			OfficialAccountRepository accounts, AccountAuthorizations authorizations, ReconcileFindings findings,
			ScheduledRuns runs, ReconcileProperties properties) {
		this.client = client;
		this.componentTokens = componentTokens;
		this.accounts = accounts;
		this.authorizations = authorizations;
		this.findings = findings;
		this.runs = runs;
		this.properties = properties;
	}

	/**
	 * The schedule of every instance calls this; only the instance that claims the deployment's turn (a row in
	 * PostgreSQL, see {@link ScheduledRuns}) reconciles, the others skip until the next interval.
	 * @return the report, empty when another instance has reconciled within the interval
	 */
	@Scheduled(fixedDelayString = "${atrium.reconcile.interval:6h}", initialDelayString = "${atrium.reconcile.initial-delay:5m}")
	public Optional<ReconcileReport> reconcileOncePerDeployment() {
		if (!this.runs.claim(JOB, this.properties.interval())) {
			logger.debug("Reconcile skipped: another instance of this deployment ran it within {}",
					this.properties.interval());
			return Optional.empty();
		}
		return Optional.of(reconcileAll());
	}

	/** Reconciles every account now, whatever other instances did. */
	public ReconcileReport reconcileAll() {
		Map<String, ListedAuthorizer> listed = listAll();
		List<String> restored = new ArrayList<>();
		List<String> notListed = new ArrayList<>();
		List<OfficialAccount> held = new ArrayList<>(this.accounts.findByStatus(AccountStatus.AUTHORIZED));
		held.addAll(this.accounts.findByStatus(AccountStatus.NEEDS_REAUTH));
		for (OfficialAccount account : held) {
			ListedAuthorizer item = listed.get(account.appId());
			if (item == null) {
				if (account.status() == AccountStatus.AUTHORIZED) {
					notListed.add(account.appId());
				}
			}
			else if (restore(account.appId(), item)) {
				restored.add(account.appId());
			}
		}
		// WeChat's 全网发布 test accounts authorize the platform during the test, and are never a tenant's.
		List<String> unknown = listed.keySet()
			.stream()
			.filter((appId) -> !ReleaseTestAccounts.contains(appId))
			.filter((appId) -> this.accounts.findById(appId).isEmpty())
			.toList();
		this.findings.replace(Kind.NOT_LISTED_BY_WECHAT, notListed);
		this.findings.replace(Kind.UNKNOWN_TO_ATRIUM, unknown);
		ReconcileReport report = new ReconcileReport(listed.size(), restored, unknown, notListed);
		logger.info("Reconcile: {}", report);
		return report;
	}

	@Override
	public Optional<String> recover(String appId) {
		ListedAuthorizer item = listAll().get(appId);
		if (item == null || item.refreshToken() == null) {
			return Optional.empty();
		}
		restore(appId, item);
		return Optional.of(item.refreshToken());
	}

	/**
	 * The refresh token WeChat lists for one authorizer, stored nowhere: for a caller that stores it with more than
	 * {@link #recover} would (onboarding recovering an authorization whose code was spent unseen). Empty when WeChat
	 * does not list the authorizer (or lists it without a token).
	 */
	public Optional<String> listedRefreshToken(String appId) {
		return Optional.ofNullable(listAll().get(appId)).map(ListedAuthorizer::refreshToken);
	}

	/** Stores WeChat's refresh token when it differs from the one held; the change is audited. */
	private boolean restore(String appId, ListedAuthorizer item) {
		if (item.refreshToken() == null
				|| this.accounts.findRefreshToken(appId).filter(item.refreshToken()::equals).isPresent()) {
			return false;
		}
		this.authorizations.restoreRefreshToken(appId, item.refreshToken(), ACTOR);
		logger.info("Restored the refresh token of {} from WeChat's authorizer list", appId);
		return true;
	}

	/** Every authorizer WeChat lists for this platform, by appid, in WeChat's order (all pages, 500 each). */
	Map<String, ListedAuthorizer> listAll() {
		Map<String, ListedAuthorizer> listed = new LinkedHashMap<>();
		int offset = 0;
		while (true) {
			int from = offset;
			AuthorizerPage page = this.componentTokens
				.call((token) -> this.client.authorizerList(token, from, PAGE_SIZE));
			page.authorizers().forEach((item) -> listed.put(item.authorizerAppId(), item));
			offset += page.authorizers().size();
			if (page.authorizers().isEmpty() || offset >= page.totalCount()) {
				return listed;
			}
		}
	}

}

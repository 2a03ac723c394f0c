package io.atrium.token.reconcile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import io.atrium.account.AccountAuthorizations;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.cache.RefreshSchedule;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.message.ReleaseTestAccounts;
import io.atrium.token.reconcile.AssignmentFile.Row;
import io.atrium.token.reconcile.ImportPlan.Account;
import io.atrium.token.reconcile.ImportPlan.LineProblem;
import io.atrium.token.reconcile.ImportPlan.Outcome;
import io.atrium.token.reconcile.ImportPlan.Problem;
import io.atrium.token.reconcile.ReconcileFindings.Kind;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.AuthorizerDetails;
import io.atrium.token.wechat.ComponentClient.ListedAuthorizer;
import io.atrium.wechat.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Takes over authorizers that WeChat lists for this platform but Atrium does not hold, as a provider moving from
 * another platform needs: each one's refresh token from {@code api_get_authorizer_list} into custody exactly as an
 * authorization stores it ({@link AccountAuthorizations}, sealed), its details from
 * {@code api_get_authorizer_info}, for the tenant a file or a rule assigns. A dry run reads WeChat's list and
 * PostgreSQL and changes nothing; a run plans again from WeChat's current list, refuses the whole input when any
 * line has a problem, and is idempotent: an account Atrium holds (for any tenant, in any state) is never imported
 * again, moved or overwritten.
 */
@Service
public class AuthorizerImport {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizerImport.class);

	private static final Pattern APPID = Pattern.compile("wx[0-9a-f]{16}");

	private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

	/** Imported accounts put on the refresh schedule together, so that tokens arrive while a long run goes on. */
	private static final int SCHEDULE_BATCH = 500;

	private final AuthorizerReconciler reconciler;

	private final ComponentClient client;

	private final ComponentTokenManager componentTokens;

	private final OfficialAccountRepository accounts;

	private final AccountAuthorizations authorizations;

	private final TenantRepository tenants;

	private final ReconcileFindings findings;

	private final ImportLog log;

	private final RefreshSchedule schedule;

	private final int concurrency;

	private final Clock clock;

	AuthorizerImport(AuthorizerReconciler reconciler, ComponentClient client, ComponentTokenManager componentTokens,
			OfficialAccountRepository accounts, AccountAuthorizations authorizations, TenantRepository tenants,
			ReconcileFindings findings, ImportLog log, RefreshSchedule schedule, ReconcileProperties properties,
			Clock clock) {
		this.reconciler = reconciler;
		this.client = client;
		this.componentTokens = componentTokens;
		this.accounts = accounts;
		this.authorizations = authorizations;
		this.tenants = tenants;
		this.findings = findings;
		this.log = log;
		this.schedule = schedule;
		this.concurrency = properties.importConcurrency();
		this.clock = clock;
	}

	/** What a run would do now; changes nothing (it reads WeChat's list and PostgreSQL only). */
	public ImportPlan dryRun(ImportSource source) {
		return plan(source, this.reconciler.listAll());
	}

	/**
	 * Imports what the plan assigns, recorded as one run of {@code actor}; or, when the input has a problem,
	 * nothing at all (the returned plan lists the problems and has no import id).
	 */
	public ImportPlan run(ImportSource source, String actor) {
		Map<String, ListedAuthorizer> listed = this.reconciler.listAll();
		ImportPlan plan = plan(source, listed);
		if (plan.refused()) {
			logger.info("Import by {} refused: {} problem(s) in {}", actor, plan.problems().size(), source);
			return plan;
		}
		long id = this.log.start(actor, source.describe(), listed.size(), this.clock.instant());
		List<Account> done = new ArrayList<>();
		List<TokenSubject> toSchedule = new ArrayList<>();
		ExecutorService takers = Executors.newFixedThreadPool(this.concurrency,
				new CustomizableThreadFactory("authorizer-import-"));
		try {
			List<Future<Account>> outcomes = new ArrayList<>(plan.accounts().size());
			for (Account account : plan.accounts()) {
				outcomes.add(takers.submit(() -> {
					Account outcome = (account.outcome() == Outcome.NEW)
							? take(account, listed.get(account.appId()).refreshToken(), actor, id) : account;
					this.log.record(id, outcome);
					return outcome;
				}));
			}
			for (Future<Account> future : outcomes) {
				Account outcome = future.get();
				done.add(outcome);
				if (outcome.outcome() == Outcome.IMPORTED) {
					toSchedule.add(TokenSubject.authorizer(outcome.appId()));
				}
				if (toSchedule.size() == SCHEDULE_BATCH) {
					scheduleNow(toSchedule);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Import #" + id + " interrupted", ex);
		}
		catch (ExecutionException ex) {
			// take() answers FAILED for what it can survive; anything else (the log's PostgreSQL gone) ends the run,
			// which stays unfinished in the log: a run again takes what this one did not.
			throw new IllegalStateException("Import #" + id + " stopped", ex.getCause());
		}
		finally {
			takers.shutdownNow();
			scheduleNow(toSchedule);
		}
		ImportPlan result = plan.withImportId(id, done);
		this.log.finish(id, result, this.clock.instant());
		logger.info("Import #{} by {} ({}): {} imported, {} already held, {} held by another tenant, {} without a "
				+ "refresh token, {} failed", id, actor, source, result.count(Outcome.IMPORTED),
				result.count(Outcome.ALREADY_HELD), result.count(Outcome.HELD_BY_ANOTHER_TENANT),
				result.count(Outcome.NO_REFRESH_TOKEN), result.count(Outcome.FAILED));
		return result;
	}

	/**
	 * An imported account holds a refresh token only: its first access token is due now, fetched by the proactive
	 * refresh within its concurrency and budget. Without Redis the schedule's repair puts it there later.
	 */
	private void scheduleNow(List<TokenSubject> imported) {
		if (imported.isEmpty()) {
			return;
		}
		try {
			this.schedule.scheduleAll(imported, this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not put {} imported accounts on the refresh schedule ({}); the schedule's repair adds "
					+ "them later", imported.size(), ex.getClass().getSimpleName());
		}
		imported.clear();
	}

	private Account take(Account account, String refreshToken, String actor, long importId) {
		String appId = account.appId();
		try {
			AuthorizerDetails details = this.componentTokens.call((token) -> this.client.authorizerInfo(token, appId));
			Optional<OfficialAccount> stored = this.authorizations.importAuthorization(account.tenantId(), appId,
					details.permissions(), refreshToken, details.profile(), actor, "import #" + importId);
			if (stored.isEmpty()) {
				// Authorized through onboarding since the plan was made: it stays as that authorization stored it.
				return account.with(held(appId, account.tenantId()), null, null);
			}
			this.findings.resolve(Kind.UNKNOWN_TO_ATRIUM, appId);
			return account.with(Outcome.IMPORTED, details.profile().nickname(), null);
		}
		catch (WeChatApiException ex) {
			logger.warn("Import #{}: WeChat refused the details of {} ({})", importId, appId, ex.errcode());
			return account.with(Outcome.FAILED, null, "errcode " + ex.errcode());
		}
		catch (RuntimeException ex) {
			logger.warn("Import #{}: could not take {} into custody: {}", importId, appId, ex.getClass().getSimpleName());
			return account.with(Outcome.FAILED, null, ex.getClass().getSimpleName());
		}
	}

	private ImportPlan plan(ImportSource source, Map<String, ListedAuthorizer> listed) {
		if (source instanceof ImportSource.Csv csv) {
			return planFile(csv, listed);
		}
		return planRule((ImportSource.AllUnknownTo) source, listed);
	}

	private ImportPlan planRule(ImportSource.AllUnknownTo rule, Map<String, ListedAuthorizer> listed) {
		TenantLookup lookup = new TenantLookup();
		TenantMatch tenant = lookup.resolve(rule.tenant().strip());
		if (tenant.problem() != null) {
			return new ImportPlan(null, rule.describe(), listed.size(), List.of(),
					List.of(new LineProblem(0, null, tenant.problem(), rule.tenant(), null)));
		}
		Tenant found = tenant.tenant();
		List<Account> assigned = new ArrayList<>();
		for (ListedAuthorizer item : listed.values()) {
			String appId = item.authorizerAppId();
			if (!ReleaseTestAccounts.contains(appId) && this.accounts.findById(appId).isEmpty()) {
				assigned.add(new Account(0, appId, found.id(), found.name(),
						(item.refreshToken() != null) ? Outcome.NEW : Outcome.NO_REFRESH_TOKEN, null, null));
			}
		}
		return new ImportPlan(null, rule.describe(), listed.size(), assigned, List.of());
	}

	private ImportPlan planFile(ImportSource.Csv csv, Map<String, ListedAuthorizer> listed) {
		TenantLookup lookup = new TenantLookup();
		List<Account> assigned = new ArrayList<>();
		List<LineProblem> problems = new ArrayList<>();
		Map<String, Integer> firstLine = new HashMap<>();
		List<Row> rows = AssignmentFile.rows(csv.text());
		for (Row row : rows) {
			if (row.fields() == null || row.fields().size() != 2 || row.fields().get(0).isEmpty()
					|| row.fields().get(1).isEmpty()) {
				problems.add(new LineProblem(row.line(), null, Problem.MALFORMED_LINE, null, null));
				continue;
			}
			String appId = row.fields().get(0);
			String tenantText = row.fields().get(1);
			if (!APPID.matcher(appId).matches()) {
				problems.add(new LineProblem(row.line(), appId, Problem.MALFORMED_APPID, appId, null));
				continue;
			}
			Integer earlier = firstLine.putIfAbsent(appId, row.line());
			if (earlier != null) {
				problems.add(new LineProblem(row.line(), appId, Problem.DUPLICATE, appId, earlier));
				continue;
			}
			TenantMatch tenant = lookup.resolve(tenantText);
			if (tenant.problem() != null) {
				problems.add(new LineProblem(row.line(), appId, tenant.problem(), tenantText, null));
				continue;
			}
			Tenant found = tenant.tenant();
			if (ReleaseTestAccounts.contains(appId)) {
				problems.add(new LineProblem(row.line(), appId, Problem.TEST_ACCOUNT, appId, null));
				continue;
			}
			ListedAuthorizer item = listed.get(appId);
			if (item == null) {
				problems.add(new LineProblem(row.line(), appId, Problem.NOT_LISTED, appId, null));
				continue;
			}
			Outcome outcome = held(appId, found.id());
			if (outcome == Outcome.NEW && item.refreshToken() == null) {
				outcome = Outcome.NO_REFRESH_TOKEN;
			}
			assigned.add(new Account(row.line(), appId, found.id(), found.name(), outcome, null, null));
		}
		if (rows.isEmpty()) {
			problems.add(new LineProblem(0, null, Problem.EMPTY, null, null));
		}
		return new ImportPlan(null, csv.describe(), listed.size(), assigned, problems);
	}

	/** NEW when Atrium does not hold the account, else whether this tenant or another holds it. */
	private Outcome held(String appId, long tenantId) {
		return this.accounts.findById(appId)
			.map((account) -> (account.tenantId() == tenantId) ? Outcome.ALREADY_HELD : Outcome.HELD_BY_ANOTHER_TENANT)
			.orElse(Outcome.NEW);
	}

	/**
	 * Tenants as a file names them: by name, or by id when the text is a number. Asks PostgreSQL once per distinct
	 * text.
	 */
	private final class TenantLookup {

		private final Map<String, TenantMatch> resolved = new HashMap<>();

		TenantMatch resolve(String text) {
			return this.resolved.computeIfAbsent(text, this::find);
		}

		private TenantMatch find(String text) {
			Optional<Tenant> byName = AuthorizerImport.this.tenants.findByName(text);
			Optional<Tenant> byId = ID.matcher(text).matches()
					? AuthorizerImport.this.tenants.findById(Long.parseLong(text)) : Optional.empty();
			if (byName.isPresent() && byId.isPresent() && byName.get().id() != byId.get().id()) {
				return new TenantMatch(null, Problem.AMBIGUOUS_TENANT);
			}
			return byName.or(() -> byId)
				.map((tenant) -> new TenantMatch(tenant, null))
				.orElse(new TenantMatch(null, Problem.UNKNOWN_TENANT));
		}

	}

	/** The tenant a text names, or why none: UNKNOWN_TENANT, AMBIGUOUS_TENANT. */
	private record TenantMatch(Tenant tenant, Problem problem) {
	}

}

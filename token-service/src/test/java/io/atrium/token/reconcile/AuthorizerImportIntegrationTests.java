package io.atrium.token.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.TokenServiceTestApplication;
import io.atrium.account.AccountStatus;
import io.atrium.account.AuditAction;
import io.atrium.account.AuditEntry;
import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.Tenant;
import io.atrium.testsupport.Ports;
import io.atrium.token.SandboxIntegrationTests;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.cache.RefreshSchedule;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.reconcile.ImportPlan.Account;
import io.atrium.token.reconcile.ImportPlan.LineProblem;
import io.atrium.token.reconcile.ImportPlan.Outcome;
import io.atrium.token.reconcile.ImportPlan.Problem;
import io.atrium.token.reconcile.ReconcileFindings.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Importing the authorizers WeChat lists that Atrium does not hold (a provider moving from another platform),
 * against the sandbox, PostgreSQL and Redis; and reconcile running once per deployment.
 */
class AuthorizerImportIntegrationTests extends SandboxIntegrationTests {

	static final String LIST_API = "/cgi-bin/component/api_get_authorizer_list";

	static final String INFO_API = "/cgi-bin/component/api_get_authorizer_info";

	static final List<String> TABLES = List.of("official_account", "authorization_audit", "authorizer_import",
			"authorizer_import_account", "reconcile_finding", "tenant");

	@Autowired
	AuthorizerImport imports;

	@Autowired
	AuthorizerReconciler reconciler;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	AuthorizationAuditLog audit;

	@Autowired
	ImportLog log;

	@Autowired
	ReconcileFindings findings;

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Autowired
	RefreshSchedule schedule;

	@Autowired
	Clock clock;

	@Test
	void aRuleImportsEveryUnknownAuthorizerAcrossPagesOnceWithAuditAndWorkingTokens() {
		receiveTicket();
		List<String> strangers = authorizedElsewhere("迁入公众号", 520);
		String held = onboardedAccount("自家小店", 1, 7);
		Tenant target = this.tenants.create("迁入商户", null, null, null, null);
		this.reconciler.reconcileAll();
		assertThat(this.findings.current(Kind.UNKNOWN_TO_ATRIUM)).hasSize(520);
		Map<String, Long> before = rowCounts();
		int infoCalls = control.calls(INFO_API);

		ImportPlan dryRun = this.imports.dryRun(new ImportSource.AllUnknownTo("迁入商户"));

		assertThat(dryRun.importId()).isNull();
		assertThat(dryRun.listed()).isEqualTo(521);
		assertThat(dryRun.problems()).isEmpty();
		assertThat(dryRun.accounts()).extracting(Account::appId).containsExactlyElementsOf(strangers);
		assertThat(dryRun.count(Outcome.NEW)).isEqualTo(520);
		assertThat(rowCounts()).as("a dry run changes nothing").isEqualTo(before);
		assertThat(control.calls(INFO_API)).isEqualTo(infoCalls);

		ImportPlan run = this.imports.run(new ImportSource.AllUnknownTo(String.valueOf(target.id())), "console:alice");

		assertThat(run.importId()).isNotNull();
		assertThat(run.count(Outcome.IMPORTED)).isEqualTo(520);
		assertThat(this.accounts.findByTenant(target.id())).hasSize(520)
			.allSatisfy((account) -> assertThat(account.status()).isEqualTo(AccountStatus.AUTHORIZED));
		OfficialAccount first = this.accounts.findById(strangers.get(0)).orElseThrow();
		assertThat(first.profile().nickname()).isEqualTo("迁入公众号 0");
		assertThat(first.permissions().ids()).containsExactly(1, 7);
		assertThat(this.accounts.findById(held).orElseThrow().tenantId()).isNotEqualTo(target.id());
		AuditEntry entry = this.audit.history(strangers.get(0), 10).get(0);
		assertThat(entry.action()).isEqualTo(AuditAction.IMPORTED);
		assertThat(entry.actor()).isEqualTo("console:alice");
		assertThat(entry.detail()).isEqualTo("import #" + run.importId());
		assertThat(entry.after().tenantId()).isEqualTo(target.id());
		assertThat(count("authorization_audit where action = 'IMPORTED'")).isEqualTo(520);
		assertThat(this.log.recent(5)).singleElement().satisfies((record) -> {
			assertThat(record.actor()).isEqualTo("console:alice");
			assertThat(record.listed()).isEqualTo(521);
			assertThat(record.imported()).isEqualTo(520);
			assertThat(record.finishedAt()).isNotNull();
		});
		assertThat(count("authorizer_import_account where outcome = 'IMPORTED'")).isEqualTo(520);
		assertThat(this.findings.current(Kind.UNKNOWN_TO_ATRIUM)).isEmpty();
		// Each one's first access token is due now: the proactive refresh fetches it without waiting for a caller.
		List<TokenSubject> imported = strangers.stream().map(TokenSubject::authorizer).toList();
		assertThat(this.schedule.missing(imported)).isEmpty();
		assertThat(this.schedule.dueAt(imported.get(519))).hasValueSatisfying(
				(dueAt) -> assertThat(dueAt).isBeforeOrEqualTo(this.clock.instant()));
		// Custody as an authorization: sealed at rest, and WeChat accepts it.
		String sealed = this.jdbc.sql("select refresh_token_sealed from official_account where appid = :appid")
			.param("appid", strangers.get(0))
			.query(String.class)
			.single();
		String refreshToken = this.accounts.findRefreshToken(strangers.get(0)).orElseThrow();
		assertThat(sealed).doesNotContain(refreshToken);
		String accessToken = this.authorizerTokens.get(strangers.get(519));
		assertThat(businessCall(accessToken).has("errcode")).isFalse();

		Map<String, Long> afterFirst = rowCounts();
		ImportPlan again = this.imports.run(new ImportSource.AllUnknownTo("迁入商户"), "console:alice");

		assertThat(again.accounts()).isEmpty();
		assertThat(count("official_account")).isEqualTo(afterFirst.get("official_account"));
		assertThat(count("authorization_audit where action = 'IMPORTED'")).isEqualTo(520);
		assertThat(this.log.recent(5)).first().satisfies((record) -> assertThat(record.imported()).isZero());
	}

	@Test
	void badLinesOfAFileAreRefusedWithTheirLineNumbersAndNothingIsImported() {
		receiveTicket();
		List<String> strangers = authorizedElsewhere("文件公众号", 3);
		Tenant jia = this.tenants.create("商户甲", null, null, null, null);
		Tenant yi = this.tenants.create("商户乙, 有限公司", null, null, null, null);
		String csv = String.join("\n", "appid,tenant", strangers.get(0) + ",商户甲", "wx12345,商户甲",
				strangers.get(1) + ",不存在的商户", strangers.get(0) + ",\"商户乙, 有限公司\"", "wx00000000000000ab,商户甲",
				"only-one-field", "", strangers.get(2) + "," + yi.id());
		Map<String, Long> before = rowCounts();

		ImportPlan refused = this.imports.run(new ImportSource.Csv(csv), "console:alice");

		assertThat(refused.refused()).isTrue();
		assertThat(refused.importId()).isNull();
		assertThat(refused.problems()).extracting(LineProblem::line, LineProblem::problem)
			.containsExactly(tuple(3, Problem.MALFORMED_APPID), tuple(4, Problem.UNKNOWN_TENANT),
					tuple(5, Problem.DUPLICATE), tuple(6, Problem.NOT_LISTED), tuple(7, Problem.MALFORMED_LINE));
		assertThat(refused.problems().get(2).otherLine()).isEqualTo(2);
		assertThat(rowCounts()).as("a refused file changes nothing").isEqualTo(before);
		assertThat(this.accounts.findById(strangers.get(0))).isEmpty();

		String fixed = "\uFEFF" + strangers.get(0) + ",商户甲\r\n" + strangers.get(1) + ",\"商户乙, 有限公司\"\r\n"
				+ strangers.get(2) + "," + yi.id() + "\r\n";
		ImportPlan dryRun = this.imports.dryRun(new ImportSource.Csv(fixed));
		assertThat(dryRun.accounts()).extracting(Account::line, Account::tenantId, Account::outcome)
			.containsExactly(tuple(1, jia.id(), Outcome.NEW), tuple(2, yi.id(), Outcome.NEW),
					tuple(3, yi.id(), Outcome.NEW));
		assertThat(rowCounts()).isEqualTo(before);

		ImportPlan run = this.imports.run(new ImportSource.Csv(fixed), "console:alice");
		assertThat(run.count(Outcome.IMPORTED)).isEqualTo(3);
		assertThat(this.accounts.findById(strangers.get(1)).orElseThrow().tenantId()).isEqualTo(yi.id());

		ImportPlan again = this.imports.run(new ImportSource.Csv(fixed), "console:alice");
		assertThat(again.accounts()).extracting(Account::outcome).containsOnly(Outcome.ALREADY_HELD);
		assertThat(count("authorization_audit where action = 'IMPORTED'")).isEqualTo(3);
	}

	@Test
	void anAccountAnotherTenantHoldsIsNeverMoved() {
		receiveTicket();
		String held = onboardedAccount("已有小店", 1, 7);
		long holder = this.accounts.findById(held).orElseThrow().tenantId();
		Tenant other = this.tenants.create("抢夺商户", null, null, null, null);
		String refreshToken = this.accounts.findRefreshToken(held).orElseThrow();

		ImportPlan run = this.imports.run(new ImportSource.Csv(held + ",抢夺商户"), "console:alice");

		assertThat(run.refused()).isFalse();
		assertThat(run.accounts()).extracting(Account::outcome).containsExactly(Outcome.HELD_BY_ANOTHER_TENANT);
		assertThat(this.accounts.findById(held).orElseThrow().tenantId()).isEqualTo(holder).isNotEqualTo(other.id());
		assertThat(this.accounts.findRefreshToken(held)).contains(refreshToken);
		assertThat(this.audit.history(held, 10)).extracting(AuditEntry::action).containsExactly(AuditAction.AUTHORIZED);
	}

	@Test
	void aRuleNamingNoTenantIsRefused() {
		receiveTicket();
		authorizedElsewhere("无主公众号", 2);
		Map<String, Long> before = rowCounts();

		ImportPlan run = this.imports.run(new ImportSource.AllUnknownTo("没有这个商户"), "console:alice");

		assertThat(run.problems()).extracting(LineProblem::line, LineProblem::problem)
			.containsExactly(tuple(0, Problem.UNKNOWN_TENANT));
		assertThat(rowCounts()).isEqualTo(before);
	}

	@Test
	void twoInstancesStartingTogetherReadWeChatsAuthorizerListOncePerInterval() throws Exception {
		receiveTicket();
		onboardedAccount("对账小店", 1, 7);
		authorizedElsewhere("对账陌生号", 2);
		int listCalls = control.calls(LIST_API);
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(applicationProperties(Ports.free()))
			.run()) {
			List<AuthorizerReconciler> instances = List.of(this.reconciler,
					second.getBean(AuthorizerReconciler.class));

			List<Optional<ReconcileReport>> reports = together(instances);

			assertThat(reports).filteredOn(Optional::isPresent).singleElement()
				.satisfies((report) -> assertThat(report.orElseThrow().unknownToAtrium()).hasSize(2));
			assertThat(control.calls(LIST_API)).isEqualTo(listCalls + 1);

			// Within the interval (6 h by default) every instance skips; past it, one runs again.
			sandbox.advanceClock(Duration.ofHours(5));
			assertThat(together(instances)).allMatch(Optional::isEmpty);
			assertThat(control.calls(LIST_API)).isEqualTo(listCalls + 1);
			sandbox.advanceClock(Duration.ofHours(1));
			assertThat(together(instances)).filteredOn(Optional::isPresent).hasSize(1);
			assertThat(control.calls(LIST_API)).isEqualTo(listCalls + 2);
		}
	}

	/** Each instance's schedule firing at the same moment. */
	private static List<Optional<ReconcileReport>> together(List<AuthorizerReconciler> instances) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(instances.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Optional<ReconcileReport>>> futures = new ArrayList<>();
			for (AuthorizerReconciler instance : instances) {
				futures.add(threads.submit(() -> {
					start.await();
					return instance.reconcileOncePerDeployment();
				}));
			}
			start.countDown();
			List<Optional<ReconcileReport>> reports = new ArrayList<>();
			for (Future<Optional<ReconcileReport>> future : futures) {
				reports.add(future.get());
			}
			return reports;
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Accounts that authorized this platform in WeChat while another platform held them: Atrium never saw them. */
	private static List<String> authorizedElsewhere(String nickname, int count) {
		List<String> appIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String appId = control.createAccount(nickname + " " + i, List.of(1, 7));
			control.authorize(appId);
			appIds.add(appId);
		}
		return appIds;
	}

	private Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		TABLES.forEach((table) -> counts.put(table, count(table)));
		return counts;
	}

	private long count(String from) {
		return this.jdbc.sql("select count(*) from " + from).query(Long.class).single();
	}

}

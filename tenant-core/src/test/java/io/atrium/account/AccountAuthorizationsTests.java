package io.atrium.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.atrium.custody.CredentialCipher;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link AccountAuthorizations} against a real PostgreSQL migrated by the project's Flyway scripts.
 */
class AccountAuthorizationsTests {

	private static final PostgresSchema db = TestPostgres.schemaFor(AccountAuthorizationsTests.class);

	private static final DataSource dataSource = db.dataSource();

	private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String KEY_2 = Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
			11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });

	private static final Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

	private final JdbcClient jdbc = JdbcClient.create(dataSource);

	private final CredentialCipher cipher = new CredentialCipher(Map.of("k1", KEY_1), "k1");

	private final List<Object> changes = new CopyOnWriteArrayList<>();

	private final OfficialAccountRepository accounts = new OfficialAccountRepository(this.jdbc, this.cipher);

	private final AuthorizationAuditLog audit = new AuthorizationAuditLog(this.jdbc);

	private final AccountAuthorizations authorizations = new AccountAuthorizations(this.accounts, this.audit,
			new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock, this.changes::add);

	private final TenantRepository tenants = new TenantRepository(this.jdbc, clock);

	private Tenant acme;

	private Tenant globex;

	@BeforeAll
	static void migrate() {
		Flyway.configure().dataSource(dataSource).schemas(db.schema()).load().migrate();
	}

	@BeforeEach
	void cleanTables() {
		this.jdbc.sql("truncate authorization_audit, official_account, tenant restart identity cascade").update();
		this.acme = this.tenants.create("Acme 咖啡", "张三", "ops@acme.example", null, null);
		this.globex = this.tenants.create("Globex 书店", null, null, null, null);
	}

	@Test
	void authorizeStoresTheAccountWithItsSetsAndASealedRefreshToken() {
		OfficialAccount account = authorize(this.acme, "wx1", "refreshtoken@@@one", 1, 7, 11);

		assertThat(account.status()).isEqualTo(AccountStatus.AUTHORIZED);
		OfficialAccount stored = this.accounts.findById("wx1").orElseThrow();
		assertThat(stored.tenantId()).isEqualTo(this.acme.id());
		assertThat(stored.permissions().ids()).containsExactly(1, 7, 11);
		assertThat(stored.permissions().has(PermissionSet.MASS_SEND_AND_NOTIFY)).isTrue();
		assertThat(stored.profile().nickname()).isEqualTo("公众号 wx1");
		assertThat(this.accounts.findRefreshToken("wx1")).contains("refreshtoken@@@one");
		assertThat(rawSealedToken("wx1")).startsWith("k1:").doesNotContain("refreshtoken");
		List<AuditEntry> history = this.audit.history("wx1", 10);
		assertThat(history).singleElement().satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo(AuditAction.AUTHORIZED);
			assertThat(entry.actor()).isEqualTo("test");
			assertThat(entry.before()).isNull();
			assertThat(entry.after().permissions()).containsExactly(1, 7, 11);
			assertThat(entry.after().status()).isEqualTo(AccountStatus.AUTHORIZED);
		});
	}

	@Test
	void everyChangeOfAnAccountIsAnnouncedAndAnUnchangedRefreshTokenIsNot() {
		authorize(this.acme, "wx9", "refreshtoken@@@one", 7);
		this.authorizations.updatePermissions("wx9", GrantedPermissions.of(7, 11), null, "wechat:updateauthorized");
		this.authorizations.recordRefreshToken("wx9", "refreshtoken@@@one", "token-refresh");
		this.authorizations.revoke("wx9", "wechat:unauthorized");
		assertThat(this.changes).containsExactly(new AccountChanged("wx9"), new AccountChanged("wx9"),
				new AccountChanged("wx9"));
	}

	@Test
	void anotherTenantCannotTakeAnAuthorizedAccountAndNothingChanges() {
		authorize(this.acme, "wx1", "refreshtoken@@@one", 7);

		assertThatExceptionOfType(AccountHeldByAnotherTenantException.class)
			.isThrownBy(() -> authorize(this.globex, "wx1", "refreshtoken@@@two", 7, 11));

		assertThat(this.accounts.findById("wx1").orElseThrow().tenantId()).isEqualTo(this.acme.id());
		assertThat(this.accounts.findRefreshToken("wx1")).contains("refreshtoken@@@one");
		assertThat(this.audit.history("wx1", 10)).hasSize(1);
	}

	@Test
	void revokePurgesTheTokenKeepsHistoryAndFreesTheAccountForAnotherTenant() {
		authorize(this.acme, "wx1", "refreshtoken@@@one", 7);

		OfficialAccount revoked = this.authorizations.revoke("wx1", "wechat:unauthorized").orElseThrow();

		assertThat(revoked.status()).isEqualTo(AccountStatus.REVOKED);
		assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
		assertThat(this.accounts.findRefreshToken("wx1")).isEmpty();
		assertThat(rawSealedToken("wx1")).isNull();
		assertThat(this.audit.history("wx1", 10)).extracting(AuditEntry::action)
			.containsExactly(AuditAction.REVOKED, AuditAction.AUTHORIZED);

		authorize(this.globex, "wx1", "refreshtoken@@@two", 11);
		assertThat(this.accounts.findById("wx1").orElseThrow().tenantId()).isEqualTo(this.globex.id());
		assertThat(this.accounts.findRefreshToken("wx1")).contains("refreshtoken@@@two");
	}

	@Test
	void updatedPermissionsAreStoredAndAuditedWithBeforeAndAfter() {
		authorize(this.acme, "wx1", "refreshtoken@@@one", 1, 7, 11);

		this.authorizations.updatePermissions("wx1", GrantedPermissions.of(1, 7), null, "wechat:updateauthorized");

		assertThat(this.accounts.findById("wx1").orElseThrow().permissions().ids()).containsExactly(1, 7);
		assertThat(this.accounts.findRefreshToken("wx1")).contains("refreshtoken@@@one");
		AuditEntry latest = this.audit.history("wx1", 1).get(0);
		assertThat(latest.action()).isEqualTo(AuditAction.AUTHORIZATION_UPDATED);
		assertThat(latest.before().permissions()).containsExactly(1, 7, 11);
		assertThat(latest.after().permissions()).containsExactly(1, 7);
	}

	@Test
	void needsReauthorizationThenRestoreFromReconcile() {
		authorize(this.acme, "wx1", "refreshtoken@@@one", 7);

		this.authorizations.markNeedsReauthorization("wx1", "token-refresh", "61023 refresh_token is invalid");
		assertThat(this.accounts.findById("wx1").orElseThrow().status()).isEqualTo(AccountStatus.NEEDS_REAUTH);
		assertThat(this.accounts.findRefreshToken("wx1")).contains("refreshtoken@@@one");
		assertThat(this.audit.history("wx1", 1).get(0).detail()).isEqualTo("61023 refresh_token is invalid");

		this.authorizations.restoreRefreshToken("wx1", "refreshtoken@@@fromwechat", "reconcile");
		assertThat(this.accounts.findById("wx1").orElseThrow().status()).isEqualTo(AccountStatus.AUTHORIZED);
		assertThat(this.accounts.findRefreshToken("wx1")).contains("refreshtoken@@@fromwechat");
		assertThat(this.audit.history("wx1", 10)).extracting(AuditEntry::action)
			.containsExactly(AuditAction.REFRESH_TOKEN_RESTORED, AuditAction.NEEDS_REAUTH, AuditAction.AUTHORIZED);
	}

	@Test
	void recordRefreshTokenWritesOnlyWhenItChanged() {
		authorize(this.acme, "wx1", "refreshtoken@@@one", 7);

		assertThat(this.authorizations.recordRefreshToken("wx1", "refreshtoken@@@one", "token-refresh")).isFalse();
		assertThat(this.audit.history("wx1", 10)).hasSize(1);

		assertThat(this.authorizations.recordRefreshToken("wx1", "refreshtoken@@@two", "token-refresh")).isTrue();
		assertThat(this.accounts.findRefreshToken("wx1")).contains("refreshtoken@@@two");
		assertThat(this.audit.history("wx1", 1).get(0).action()).isEqualTo(AuditAction.REFRESH_TOKEN_ROTATED);

		this.authorizations.revoke("wx1", "wechat:unauthorized");
		assertThat(this.authorizations.recordRefreshToken("wx1", "refreshtoken@@@late", "token-refresh")).isFalse();
		assertThat(this.accounts.findRefreshToken("wx1")).isEmpty();
	}

	@Test
	void changesToAnUnknownAccountChangeNothing() {
		assertThat(this.authorizations.revoke("wx404", "test")).isEmpty();
		assertThat(this.authorizations.markNeedsReauthorization("wx404", "test", "x")).isEmpty();
		assertThat(this.authorizations.recordRefreshToken("wx404", "refreshtoken@@@x", "test")).isFalse();
		assertThat(this.jdbc.sql("select count(*) from authorization_audit").query(Long.class).single()).isZero();
	}

	@Test
	void resealMovesEveryTokenToTheActiveKey() {
		authorize(this.acme, "wx1", "refreshtoken@@@one", 7);
		authorize(this.globex, "wx2", "refreshtoken@@@two", 11);
		CredentialCipher rotated = new CredentialCipher(Map.of("k1", KEY_1, "k2", KEY_2), "k2");
		OfficialAccountRepository rotatedAccounts = new OfficialAccountRepository(this.jdbc, rotated);

		assertThat(rotatedAccounts.resealRefreshTokens()).isEqualTo(2);
		assertThat(rotatedAccounts.resealRefreshTokens()).isZero();

		assertThat(rawSealedToken("wx1")).startsWith("k2:");
		OfficialAccountRepository newKeyOnly = new OfficialAccountRepository(this.jdbc,
				new CredentialCipher(Map.of("k2", KEY_2), "k2"));
		assertThat(newKeyOnly.findRefreshToken("wx1")).contains("refreshtoken@@@one");
		assertThat(newKeyOnly.findRefreshToken("wx2")).contains("refreshtoken@@@two");
	}

	@Test
	void readsThatCollectRowsGiveTheirConnectionBack() {
		authorize(this.acme, "wx1", "refreshtoken@@@one", 7);
		authorize(this.globex, "wx2", "refreshtoken@@@two", 11);
		// One pooled connection and a short wait for it: a read that keeps its connection fails the next one.
		HikariConfig config = new HikariConfig();
		config.setDataSource(dataSource);
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(500);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			OfficialAccountRepository pooled = new OfficialAccountRepository(JdbcClient.create(pool),
					new CredentialCipher(Map.of("k1", KEY_1, "k2", KEY_2), "k2"));
			for (int read = 0; read < 3; read++) {
				assertThat(pooled.countByTenant()).containsEntry(this.acme.id(), 1L).containsEntry(this.globex.id(), 1L);
				assertThat(pooled.resealRefreshTokens()).isEqualTo((read == 0) ? 2 : 0);
			}
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
		}
	}

	@Test
	void aSearchFindsAccountsByNameAppidOrTenantAndCountsEachStatus() {
		for (int i = 0; i < 60; i++) {
			authorize((i % 2 == 0) ? this.acme : this.globex, String.format("wx%016x", i), "refreshtoken@@@" + i,
					(i % 3 == 0) ? new Integer[] { 1, 7, 11 } : new Integer[] { 1 });
		}
		this.authorizations.revoke(String.format("wx%016x", 2), "test");
		this.authorizations.markNeedsReauthorization(String.format("wx%016x", 4), "test", "61023");

		AccountPage all = this.accounts.search(new AccountQuery(null, null, null, null, null, 0, 25));
		assertThat(all.total()).isEqualTo(60);
		assertThat(all.accounts()).hasSize(25);
		assertThat(all.byStatus()).containsEntry(AccountStatus.AUTHORIZED, 58L)
			.containsEntry(AccountStatus.REVOKED, 1L)
			.containsEntry(AccountStatus.NEEDS_REAUTH, 1L);
		AccountPage last = this.accounts.search(new AccountQuery(null, null, null, null, null, 50, 25));
		assertThat(last.accounts()).hasSize(10);
		// By the tenant's name (Chinese, a middle substring), one tenant only, then its revoked account.
		AccountPage acme = this.accounts.search(new AccountQuery(null, "咖", null, null, null, 0, 100));
		assertThat(acme.total()).isEqualTo(30);
		assertThat(acme.accounts()).allSatisfy((account) -> assertThat(account.tenantId()).isEqualTo(this.acme.id()));
		AccountPage revoked = this.accounts.search(new AccountQuery(null, "咖", AccountStatus.REVOKED, null, null, 0, 100));
		assertThat(revoked.accounts()).extracting(OfficialAccount::appId).containsExactly(String.format("wx%016x", 2));
		assertThat(revoked.byStatus()).containsEntry(AccountStatus.AUTHORIZED, 28L);
		// By name and by appid; % is a character, not a wildcard.
		assertThat(this.accounts.search(new AccountQuery(null, "公众号 wx000000000000000a", null, null, null, 0, 10))
			.accounts()).extracting(OfficialAccount::appId).containsExactly("wx000000000000000a");
		assertThat(this.accounts.search(new AccountQuery(null, "0000003b", null, null, null, 0, 10)).total()).isEqualTo(1);
		assertThat(this.accounts.search(new AccountQuery(null, "%", null, null, null, 0, 10)).total()).isZero();
		// Among given accounts (the token-health filter), with the other filters; an empty set is none.
		AccountQuery among = new AccountQuery(null, "咖", null, null, null, 0, 100)
			.among(Set.of(String.format("wx%016x", 2), String.format("wx%016x", 3), "wx\"{,}"));
		assertThat(this.accounts.search(among).accounts()).extracting(OfficialAccount::appId)
			.containsExactlyInAnyOrder(String.format("wx%016x", 2));
		assertThat(this.accounts.search(among.among(Set.of())).total()).isZero();
		// A granted set; a tenant's own list sees nothing of the other's.
		assertThat(this.accounts.search(new AccountQuery(null, null, null, 7, null, 0, 100)).total()).isEqualTo(20);
		AccountPage globex = this.accounts.search(new AccountQuery(this.globex.id(), "Acme", null, null, null, 0, 100));
		assertThat(globex.total()).isZero();
		assertThat(this.accounts.search(new AccountQuery(this.globex.id(), null, null, 7, AccountQuery.Sort.NEWEST, 0,
				100)).accounts()).allSatisfy((account) -> assertThat(account.tenantId()).isEqualTo(this.globex.id()))
			.hasSize(10);
		assertThatIllegalArgumentException().isThrownBy(() -> new AccountQuery(null, "长".repeat(101), null, null, null,
				0, 10));
	}

	private OfficialAccount authorize(Tenant tenant, String appId, String refreshToken, Integer... sets) {
		AuthorizerProfile profile = new AuthorizerProfile("公众号 " + appId, null, 2, 0, null, null, null, null);
		return this.authorizations.authorize(tenant.id(), appId, GrantedPermissions.of(sets), refreshToken, profile,
				"test");
	}

	private String rawSealedToken(String appId) {
		return this.jdbc.sql("select refresh_token_sealed from official_account where appid = :appid")
			.param("appid", appId)
			.query((rs, row) -> rs.getString(1))
			.list()
			.get(0);
	}

}

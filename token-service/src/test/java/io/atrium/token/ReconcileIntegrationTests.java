package io.atrium.token;

import java.util.ArrayList;
import java.util.List;

import io.atrium.account.AccountStatus;
import io.atrium.account.AuditAction;
import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.AuthorizerProfile;
import io.atrium.account.GrantedPermissions;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.Tenant;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.reconcile.AuthorizerReconciler;
import io.atrium.token.reconcile.ReconcileFindings;
import io.atrium.token.reconcile.ReconcileFindings.Kind;
import io.atrium.token.reconcile.ReconcileReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reconcile against WeChat's authorizer list, and what happens when WeChat refuses a refresh token for good.
 */
class ReconcileIntegrationTests extends SandboxIntegrationTests {

	@Autowired
	AuthorizerReconciler reconciler;

	@Autowired
	ReconcileFindings findings;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	AuthorizationAuditLog audit;

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Test
	void restoresRefreshTokensThatPostgresLostOrHoldsStale() {
		receiveTicket();
		String lost = onboardedAccount("丢失小店", 1, 7);
		String stale = onboardedAccount("过期小店", 1, 11);
		String intact = onboardedAccount("完好小店", 1);
		String lostToken = this.accounts.findRefreshToken(lost).orElseThrow();
		String staleToken = this.accounts.findRefreshToken(stale).orElseThrow();
		// A restore from an old backup: one token gone, one from before a re-authorization.
		this.jdbc.sql("update official_account set refresh_token_sealed = null where appid = :appid")
			.param("appid", lost)
			.update();
		this.authorizations.recordRefreshToken(stale, "refreshtoken@@@from-an-old-backup", "test");

		ReconcileReport report = this.reconciler.reconcileAll();

		assertThat(report.listed()).isEqualTo(3);
		assertThat(report.restored()).containsExactlyInAnyOrder(lost, stale);
		assertThat(this.accounts.findRefreshToken(lost)).contains(lostToken);
		assertThat(this.accounts.findRefreshToken(stale)).contains(staleToken);
		assertThat(this.audit.history(lost, 1).get(0).action()).isEqualTo(AuditAction.REFRESH_TOKEN_RESTORED);
		assertThat(this.audit.history(intact, 10)).extracting((entry) -> entry.action())
			.containsExactly(AuditAction.AUTHORIZED);
		assertThat(report.unknownToAtrium()).isEmpty();
		assertThat(report.notListedByWeChat()).isEmpty();
	}

	@Test
	void flagsAuthorizersWeChatListsAcrossPagesThatAtriumDoesNotHold() {
		receiveTicket();
		List<String> strangers = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			String appId = control.post("/sandbox/accounts",
					JsonMapper.builder().build().createObjectNode().put("nickname", "陌生人 " + i)
						.set("content", JsonMapper.builder().build().createObjectNode()))
				.path("appid")
				.asString();
			control.authorize(appId);
			strangers.add(appId);
		}
		String held = onboardedAccount("自家小店", 1, 7);

		ReconcileReport report = this.reconciler.reconcileAll();

		assertThat(report.listed()).isEqualTo(502);
		assertThat(report.unknownToAtrium()).containsExactlyInAnyOrderElementsOf(strangers).doesNotContain(held);
		assertThat(this.findings.current(Kind.UNKNOWN_TO_ATRIUM)).hasSize(501);
	}

	@Test
	void flagsAccountsAtriumHoldsThatWeChatNoLongerListsAndClearsFindingsThatWentAway() {
		receiveTicket();
		String listed = onboardedAccount("仍在小店", 1, 7);
		Tenant tenant = this.tenants.create("幽灵商户", null, null, null, null);
		this.authorizations.authorize(tenant.id(), "wx00000000000000ff", GrantedPermissions.of(7),
				"refreshtoken@@@ghost", AuthorizerProfile.unknown(), "test");

		assertThat(this.reconciler.reconcileAll().notListedByWeChat()).containsExactly("wx00000000000000ff");
		assertThat(this.findings.current(Kind.NOT_LISTED_BY_WECHAT)).containsExactly("wx00000000000000ff");

		this.authorizations.revoke("wx00000000000000ff", "test");
		assertThat(this.reconciler.reconcileAll().notListedByWeChat()).isEmpty();
		assertThat(this.findings.current(Kind.NOT_LISTED_BY_WECHAT)).isEmpty();
		assertThat(this.accounts.findById(listed).orElseThrow().status()).isEqualTo(AccountStatus.AUTHORIZED);
	}

	@Test
	void aRefreshTokenRefusedOnceThatWeChatStillListsIsTriedAgain() {
		receiveTicket();
		String appId = onboardedAccount("偶发小店", 1, 7);
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", "/cgi-bin/component/api_authorizer_token")
			.put("errcode", 61023)
			.put("times", 1)
			.put("appid", appId));
		int calls = control.calls(appId, "/cgi-bin/component/api_authorizer_token");

		assertThat(this.authorizerTokens.get(appId)).isNotBlank();

		assertThat(control.calls(appId, "/cgi-bin/component/api_authorizer_token")).isEqualTo(calls + 2);
		assertThat(this.accounts.findById(appId).orElseThrow().status()).isEqualTo(AccountStatus.AUTHORIZED);
	}

	@Test
	void refreshTokenRefusedForGoodMarksTheAccountForReauthorization() {
		receiveTicket();
		String appId = onboardedAccount("失联小店", 1, 7);
		// WeChat refuses the token, and its list offers no other: only the merchant can fix this.
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", "/cgi-bin/component/api_authorizer_token")
			.put("errcode", 61023)
			.put("appid", appId));

		assertThatExceptionOfType(AccountNotAuthorizedException.class)
			.isThrownBy(() -> this.authorizerTokens.get(appId))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(AccountStatus.NEEDS_REAUTH));

		assertThat(this.accounts.findById(appId).orElseThrow().status()).isEqualTo(AccountStatus.NEEDS_REAUTH);
		assertThat(this.audit.history(appId, 1).get(0).action()).isEqualTo(AuditAction.NEEDS_REAUTH);
		assertThat(this.accounts.findRefreshToken(appId)).isPresent();
		// Later callers fail fast without asking WeChat again.
		int calls = control.calls(appId, "/cgi-bin/component/api_authorizer_token");
		assertThatExceptionOfType(AccountNotAuthorizedException.class)
			.isThrownBy(() -> this.authorizerTokens.get(appId));
		assertThat(control.calls(appId, "/cgi-bin/component/api_authorizer_token")).isEqualTo(calls);
	}

}

package io.atrium.token;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.atrium.account.AccountStatus;
import io.atrium.account.AuditAction;
import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.Tenant;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.onboarding.OnboardingLinks;
import io.atrium.token.onboarding.OnboardingStatus;
import io.atrium.token.onboarding.OnboardingStatus.Phase;
import io.atrium.token.wechat.ComponentClient.ListedAuthorizer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboarding when something fails midway: WeChat spent the authorization code but Atrium never saw the answer (a
 * timeout) or could not store it (PostgreSQL). The next arrival of the code recovers the authorization from
 * WeChat's authorizer list, for the tenant whose link was used; nothing WeChat granted is lost.
 */
class OnboardingRecoveryIntegrationTests extends SandboxIntegrationTests {

	private static final String QUERY_AUTH_API = "/cgi-bin/component/api_query_auth";

	private static final String AUTHORIZER_LIST_API = "/cgi-bin/component/api_get_authorizer_list";

	private static final String AUTHORIZER_INFO_API = "/cgi-bin/component/api_get_authorizer_info";

	private static final String AUTHORIZER_TOKEN_API = "/cgi-bin/component/api_authorizer_token";

	/** Far longer than the tests' read timeout (2 s); the test ends it with {@code clearFaults}. */
	private static final int LONGER_THAN_THE_READ_TIMEOUT = 30_000;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	AuthorizationAuditLog audit;

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Test
	void aCodeWeChatSpentWhileAtriumTimedOutIsRecoveredWhenWeChatPushesAgain() {
		receiveTicket();
		Tenant tenant = tenant("超时小店");
		String appId = control.createAccount("超时小店", List.of(1, 7, 11));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		control.delay(QUERY_AUTH_API, LONGER_THAN_THE_READ_TIMEOUT, 1);

		HttpResponse<String> confirmed = browser.authorize(links.pcUrl(), appId, List.of(1, 7, 11));
		JsonNode failedPush = control.lastPush("authorized");
		assertThat(failedPush.path("status").asInt()).isEqualTo(500);
		// WeChat then finishes the call Atrium stopped waiting for: the code is spent, its answer lost.
		spendTheDelayedCode();
		assertThat(this.accounts.findById(appId)).isEmpty();

		// The browser comes back first. It cannot name the account, so its page waits for WeChat's push.
		String returnUrl = MerchantBrowser.location(confirmed);
		HttpResponse<String> waiting = browser.get(returnUrl);
		assertThat(waiting.statusCode()).isEqualTo(202);
		assertThat(waiting.body()).contains("授权处理中", "http-equiv=\"refresh\"").doesNotContain("queryauthcode");
		assertThat(this.accounts.findById(appId)).isEmpty();
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(2);

		HttpResponse<String> retry = deliver(failedPush.path("plaintext").asString());

		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(retry.body()).isEqualTo("success");
		OfficialAccount account = this.accounts.findById(appId).orElseThrow();
		assertThat(account.tenantId()).isEqualTo(tenant.id());
		assertThat(account.status()).isEqualTo(AccountStatus.AUTHORIZED);
		assertThat(account.permissions().ids()).containsExactly(1, 7, 11);
		assertThat(account.profile().nickname()).isEqualTo("超时小店");
		assertCompleted(links, tenant, appId);
		assertThat(this.audit.history(appId, 10)).singleElement().satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo(AuditAction.AUTHORIZED);
			assertThat(entry.actor()).isEqualTo("wechat:authorized:recovered");
			assertThat(entry.tenantId()).isEqualTo(tenant.id());
		});
		// The code was asked once by the lost call, once by the return, once by the push; then the list and info.
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(3);
		assertThat(control.calls(AUTHORIZER_LIST_API)).isEqualTo(1);
		assertThat(control.calls(appId, AUTHORIZER_INFO_API)).isEqualTo(1);
		assertThat(this.accounts.findRefreshToken(appId)).contains(listedRefreshToken(appId));
		// The recovered refresh token is the one WeChat honours.
		String accessToken = this.authorizerTokens.get(appId);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(1);
		assertThat(businessCall(accessToken).has("errcode")).isFalse();

		HttpResponse<String> page = browser.get(returnUrl);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("授权成功", "超时小店", "群发与通知（7）").doesNotContain("refreshtoken");
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(3);
	}

	@Test
	void anAuthorizationWhoseWriteFailedIsRecoveredByWeChatsNextPush() {
		receiveTicket();
		Tenant tenant = tenant("写入失败");
		String appId = control.createAccount("写入失败", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());

		HttpResponse<String> confirmed = confirmWhileAccountWritesFail(links, appId, List.of(1, 7));
		JsonNode failedPush = control.lastPush("authorized");
		assertThat(failedPush.path("status").asInt()).isEqualTo(500);
		assertThat(this.accounts.findById(appId)).isEmpty();
		// WeChat answered and so spent the code; Atrium kept what it learnt.
		assertThat(control.successes(QUERY_AUTH_API)).isEqualTo(1);
		assertThat(claim()).containsEntry("outcome", "UNCONFIRMED").containsEntry("appid", appId);

		HttpResponse<String> retry = deliver(failedPush.path("plaintext").asString());

		assertThat(retry.body()).isEqualTo("success");
		OfficialAccount account = this.accounts.findById(appId).orElseThrow();
		assertThat(account.tenantId()).isEqualTo(tenant.id());
		assertThat(account.permissions().ids()).containsExactly(1, 7);
		assertThat(this.accounts.findRefreshToken(appId)).contains(listedRefreshToken(appId));
		assertCompleted(links, tenant, appId);
		assertThat(claim()).containsEntry("outcome", "AUTHORIZED");
		assertThat(this.audit.history(appId, 10)).singleElement()
			.satisfies((entry) -> assertThat(entry.actor()).isEqualTo("wechat:authorized:recovered"));
		// The spent code was not presented again: the claim named the account.
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
		assertThat(businessCall(this.authorizerTokens.get(appId)).has("errcode")).isFalse();
		HttpResponse<String> page = browser.get(MerchantBrowser.location(confirmed));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("授权成功", "写入失败");
	}

	@Test
	void anAuthorizationWhoseWriteFailedIsRecoveredByTheBrowsersReturn() {
		receiveTicket();
		Tenant tenant = tenant("浏览器恢复");
		String appId = control.createAccount("浏览器恢复", List.of(1, 11));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		HttpResponse<String> confirmed = confirmWhileAccountWritesFail(links, appId, List.of(1, 11));
		String plaintext = control.lastPush("authorized").path("plaintext").asString();
		assertThat(this.accounts.findById(appId)).isEmpty();

		// The return names no account, but the claim kept the one WeChat answered with.
		HttpResponse<String> page = browser.get(MerchantBrowser.location(confirmed));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("授权成功", "浏览器恢复", "素材管理（11）");
		assertThat(this.accounts.findById(appId)).map(OfficialAccount::tenantId).contains(tenant.id());
		assertCompleted(links, tenant, appId);
		assertThat(this.audit.history(appId, 10)).singleElement()
			.satisfies((entry) -> assertThat(entry.actor()).isEqualTo("onboarding:return:recovered"));
		// WeChat's retry of the push finds it done.
		assertThat(deliver(plaintext).body()).isEqualTo("success");
		assertThat(this.audit.history(appId, 10)).hasSize(1);
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
		assertThat(control.calls(AUTHORIZER_LIST_API)).isEqualTo(1);
		assertThat(this.accounts.findRefreshToken(appId)).contains(listedRefreshToken(appId));
	}

	@Test
	void anAuthorizationWeChatNoLongerListsIsNotRecoveredAndThePageSaysSo() {
		receiveTicket();
		Tenant tenant = tenant("已取消");
		Tenant bystander = tenant("旁观者");
		String appId = control.createAccount("已取消", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		control.delay(QUERY_AUTH_API, LONGER_THAN_THE_READ_TIMEOUT, 1);
		HttpResponse<String> confirmed = browser.authorize(links.pcUrl(), appId, List.of(1, 7));
		JsonNode failedPush = control.lastPush("authorized");
		assertThat(failedPush.path("status").asInt()).isEqualTo(500);
		spendTheDelayedCode();
		// The merchant cancels the authorization before WeChat pushes again.
		control.revoke(appId);
		assertThat(control.lastPush("unauthorized").path("acknowledged").asBoolean()).isTrue();

		HttpResponse<String> retry = deliver(failedPush.path("plaintext").asString());

		// Nothing to retry: WeChat itself says the authorization is gone.
		assertThat(retry.body()).isEqualTo("success");
		assertThat(this.accounts.findById(appId)).isEmpty();
		assertThat(this.accounts.findByTenant(tenant.id())).isEmpty();
		assertThat(this.accounts.findByTenant(bystander.id())).isEmpty();
		assertThat(this.audit.history(appId, 10)).isEmpty();
		assertThat(claim()).containsEntry("outcome", "NOT_LISTED").containsEntry("appid", appId);
		assertThat(this.onboarding.status(links.sessionId())).map(OnboardingStatus::phase).contains(Phase.REFUSED);
		assertThat(this.onboarding.status(links.sessionId())).map(OnboardingStatus::refusal)
			.contains(OnboardingStatus.Refusal.NOT_LISTED);
		assertThat(control.calls(AUTHORIZER_LIST_API)).isEqualTo(1);
		assertThat(control.calls(appId, AUTHORIZER_INFO_API)).isZero();

		HttpResponse<String> page = browser.get(MerchantBrowser.location(confirmed));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("微信的授权列表中已没有该公众号")
			.doesNotContain("授权成功", "授权处理中");
		assertThat(this.accounts.findById(appId)).isEmpty();
	}

	@Test
	void aChangeOfSetsWhoseCodeWasSpentUnseenIsRecoveredForTheHolder() {
		receiveTicket();
		Tenant tenant = tenant("改权限超时");
		String appId = control.createAccount("改权限超时", List.of(1, 2, 7, 11));
		assertThat(onboardThroughThePage(tenant.id(), appId, List.of(1, 7)).statusCode()).isEqualTo(200);
		String before = this.accounts.findRefreshToken(appId).orElseThrow();
		control.delay(QUERY_AUTH_API, LONGER_THAN_THE_READ_TIMEOUT, 1);

		control.changePermissions(appId, List.of(1, 11));
		JsonNode failedPush = control.lastPush("updateauthorized");
		assertThat(failedPush.path("status").asInt()).isEqualTo(500);
		control.clearFaults();
		await().atMost(Duration.ofSeconds(10)).until(() -> control.successes(QUERY_AUTH_API) == 2);

		HttpResponse<String> retry = deliver(failedPush.path("plaintext").asString());

		assertThat(retry.body()).isEqualTo("success");
		OfficialAccount account = this.accounts.findById(appId).orElseThrow();
		assertThat(account.tenantId()).isEqualTo(tenant.id());
		assertThat(account.permissions().ids()).containsExactly(1, 11);
		assertThat(this.audit.history(appId, 1)).singleElement().satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo(AuditAction.AUTHORIZATION_UPDATED);
			assertThat(entry.actor()).isEqualTo("wechat:updateauthorized:recovered");
		});
		assertThat(control.calls(AUTHORIZER_LIST_API)).isEqualTo(1);
		// WeChat's new refresh token, not the one the re-authorization killed.
		assertThat(this.accounts.findRefreshToken(appId)).contains(listedRefreshToken(appId)).isNotEqualTo(before);
		sandbox.advanceClock(Duration.ofHours(2));
		assertThat(this.authorizerTokens.get(appId)).isNotBlank();
		assertThat(this.accounts.findById(appId).orElseThrow().status()).isEqualTo(AccountStatus.AUTHORIZED);
	}

	private Tenant tenant(String name) {
		return this.tenants.create(name, null, null, null, null);
	}

	/**
	 * Ends the sandbox's delay of {@code api_query_auth}: the call goes on and spends the code, long after Atrium
	 * stopped waiting for it. Waits until the sandbox has counted it, so the code is spent before the test goes on.
	 */
	private static void spendTheDelayedCode() {
		assertThat(control.successes(QUERY_AUTH_API)).isZero();
		control.clearFaults();
		await().atMost(Duration.ofSeconds(10)).until(() -> control.successes(QUERY_AUTH_API) == 1);
	}

	/**
	 * Confirms on WeChat's page while PostgreSQL refuses every write of an account (as a full disk or a failover
	 * would), so the push that WeChat sends during the confirmation fails after {@code api_query_auth} answered.
	 */
	private HttpResponse<String> confirmWhileAccountWritesFail(OnboardingLinks links, String appId,
			List<Integer> sets) {
		this.jdbc.sql("""
				create function refuse_account_writes() returns trigger language plpgsql as $$
				begin
					raise exception 'account writes refused by the test';
				end $$""").update();
		this.jdbc.sql("create trigger refuse_account_writes before insert or update on official_account "
				+ "for each row execute function refuse_account_writes()").update();
		try {
			return browser.authorize(links.pcUrl(), appId, sets);
		}
		finally {
			this.jdbc.sql("drop trigger refuse_account_writes on official_account").update();
			this.jdbc.sql("drop function refuse_account_writes()").update();
		}
	}

	private void assertCompleted(OnboardingLinks links, Tenant tenant, String appId) {
		assertThat(this.onboarding.status(links.sessionId())).hasValueSatisfying((status) -> {
			assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
			assertThat(status.appId()).isEqualTo(appId);
			assertThat(status.tenantId()).isEqualTo(tenant.id());
		});
	}

	/** The only claim of the test, as stored. */
	private Map<String, Object> claim() {
		return this.jdbc.sql("select outcome, appid from authorization_code_claim").query().singleRow();
	}

	/** The refresh token WeChat holds for the account now, read straight from its authorizer list. */
	private String listedRefreshToken(String appId) {
		return this.componentTokens.call((token) -> this.componentClient.authorizerList(token, 0, 500))
			.authorizers()
			.stream()
			.filter((item) -> item.authorizerAppId().equals(appId))
			.map(ListedAuthorizer::refreshToken)
			.findFirst()
			.orElseThrow();
	}

}

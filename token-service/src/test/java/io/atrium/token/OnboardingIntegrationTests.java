package io.atrium.token;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.account.AccountStatus;
import io.atrium.account.AuditAction;
import io.atrium.account.AuditEntry;
import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.Tenant;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.component.TicketHealth;
import io.atrium.token.onboarding.OnboardingLinks;
import io.atrium.token.onboarding.OnboardingStatus;
import io.atrium.token.onboarding.OnboardingStatus.Phase;
import io.atrium.token.reconcile.AuthorizerReconciler;
import io.atrium.token.ticket.VerifyTicket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding against the sandbox's authorization pages: links, signed state, the return URL and the
 * {@code authorized} push redeeming each code exactly once, for the tenant that asked and no other.
 */
@Tag(TestRedis.TAG)
class OnboardingIntegrationTests extends SandboxIntegrationTests {

	private static final String QUERY_AUTH_API = "/cgi-bin/component/api_query_auth";

	private static final String AUTHORIZER_TOKEN_API = "/cgi-bin/component/api_authorizer_token";

	private static final String COMPONENT_TOKEN_API = "/cgi-bin/component/api_component_token";

	private static final String BOGUS_CODE = "queryauthcode@@@not-a-real-code";

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	AuthorizationAuditLog audit;

	@Autowired
	TicketHealth ticketHealth;

	@Autowired
	TokenCache tokenCache;

	@Autowired
	AuthorizerReconciler reconciler;

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void ticketPushThenOnboardingThroughThePcPageThenTokensAndRefresh(CapturedOutput output) {
		String ticket = sandbox.pushTicket();
		assertThat(this.tickets.current()).map(VerifyTicket::ticket).contains(ticket);
		assertThat(this.ticketHealth.health().getStatus()).isEqualTo(Status.UP);
		// The ticket's arrival brought the component token: nobody has to wait for it.
		assertThat(this.tokenCache.read(this.componentTokens.subject())).isPresent();
		Tenant tenant = tenant("星河咖啡");
		String appId = control.createAccount("星河咖啡", List.of(1, 2, 3, 7, 11, 15));

		OnboardingLinks links = this.onboarding.start(tenant.id());
		assertThat(links.pcUrl()).startsWith(sandbox.baseUrl() + "/cgi-bin/componentloginpage?component_appid=")
			.contains("&auth_type=1")
			.contains("&redirect_uri=" + encode("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT
					+ "/wechat/authorization/return?state=v1." + tenant.id() + "."));
		assertThat(links.toString()).doesNotContain("preauthcode");
		assertThat(this.onboarding.status(links.sessionId())).map(OnboardingStatus::phase).contains(Phase.PENDING);
		HttpResponse<String> confirmed = browser.authorize(links.pcUrl(), appId, List.of(1, 7, 11));
		assertThat(confirmed.statusCode()).isEqualTo(302);
		HttpResponse<String> page = browser.get(MerchantBrowser.location(confirmed));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		// In the merchant's language: Chinese unless the browser prefers English (MerchantPageTests).
		assertThat(page.body()).contains("lang=\"zh-CN\"", "授权成功", "星河咖啡", "群发与通知（7）", "素材管理（11）")
			.doesNotContain("Authorization succeeded", "queryauthcode", "refreshtoken", "preauthcode");
		OfficialAccount account = this.accounts.findById(appId).orElseThrow();
		assertThat(account.tenantId()).isEqualTo(tenant.id());
		assertThat(account.status()).isEqualTo(AccountStatus.AUTHORIZED);
		assertThat(account.permissions().ids()).containsExactly(1, 7, 11);
		assertThat(account.profile().nickname()).isEqualTo("星河咖啡");
		assertThat(account.profile().serviceType()).isEqualTo(2);
		assertThat(account.profile().verified()).isTrue();
		assertThat(this.accounts.findRefreshToken(appId))
			.hasValueSatisfying((token) -> assertThat(token).startsWith("refreshtoken@@@"));
		assertThat(this.onboarding.status(links.sessionId())).hasValueSatisfying((status) -> {
			assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
			assertThat(status.appId()).isEqualTo(appId);
			assertThat(status.tenantId()).isEqualTo(tenant.id());
		});

		// The first access token came with api_query_auth: no refresh needed to use it.
		String first = this.authorizerTokens.get(appId);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isZero();
		assertThat(businessCall(first).has("errcode")).isFalse();

		sandbox.advanceClock(Duration.ofHours(2));
		String refreshed = this.authorizerTokens.get(appId);
		assertThat(refreshed).isNotEqualTo(first);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(1);
		assertThat(businessCall(refreshed).has("errcode")).isFalse();
		// Tickets, codes and tokens went through logging code paths; none of them reached a log.
		assertThat(output.getAll()).contains("Onboarding session " + links.sessionId())
			.doesNotContain(ticket, "ticket@@@", "preauthcode@@@", "queryauthcode@@@", "refreshtoken@@@", first,
					refreshed);
	}

	@Test
	void theMobileLinkWorksToo() {
		receiveTicket();
		Tenant tenant = tenant("山野读书会");
		String appId = control.createAccount("山野读书会", List.of(1, 7, 11));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		assertThat(links.mobileUrl()).startsWith(sandbox.baseUrl()
				+ "/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&component_appid=")
			.contains("&auth_type=1")
			.endsWith("#wechat_redirect");

		HttpResponse<String> page = browser.get(links.mobileUrl());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-view=\"mobile\"", "id=\"authorize-" + appId + "\"");
		HttpResponse<String> returned = browser
			.get(MerchantBrowser.location(browser.authorize(links.mobileUrl(), appId, List.of(7, 11))));

		assertThat(returned.statusCode()).isEqualTo(200);
		assertThat(this.accounts.findById(appId).orElseThrow().permissions().ids()).containsExactly(7, 11);
		assertThat(this.accounts.findById(appId).orElseThrow().tenantId()).isEqualTo(tenant.id());
	}

	@Test
	void pushFirstThenRedirectRedeemsTheCodeOnce() {
		receiveTicket();
		Tenant tenant = tenant("推送优先");
		String appId = control.createAccount("推送优先", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());

		HttpResponse<String> confirmed = browser.authorize(links.pcUrl(), appId, List.of(1, 7));
		// WeChat pushed authorized before it redirected the browser: the push already stored the account.
		JsonNode push = control.lastPush("authorized");
		assertThat(push.path("acknowledged").asBoolean()).isTrue();
		assertThat(this.accounts.findById(appId)).map(OfficialAccount::tenantId).contains(tenant.id());
		assertThat(this.audit.history(appId, 10)).singleElement()
			.satisfies((entry) -> assertThat(entry.actor()).isEqualTo("wechat:authorized"));
		HttpResponse<String> page = browser.get(MerchantBrowser.location(confirmed));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("授权成功", "推送优先");
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
		assertThat(this.audit.history(appId, 10)).hasSize(1);
	}

	@Test
	void redirectFirstThenPushRedeemsTheCodeOnce() {
		receiveTicket();
		Tenant tenant = tenant("跳转优先");
		String appId = control.createAccount("跳转优先", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		// WeChat's first push fails: Atrium cannot get a component token for it at that moment.
		this.tokenCache.invalidateIfSame(this.componentTokens.subject(), this.componentTokens.get());
		control.fault(COMPONENT_TOKEN_API, -1, 1);

		HttpResponse<String> confirmed = browser.authorize(links.pcUrl(), appId, List.of(1, 7));
		JsonNode failedPush = control.lastPush("authorized");
		assertThat(failedPush.path("status").asInt()).isEqualTo(500);
		assertThat(failedPush.path("acknowledged").asBoolean()).isFalse();
		assertThat(this.accounts.findById(appId)).isEmpty();
		assertThat(this.onboarding.status(links.sessionId())).map(OnboardingStatus::phase).contains(Phase.PENDING);

		HttpResponse<String> page = browser.get(MerchantBrowser.location(confirmed));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(this.accounts.findById(appId)).map(OfficialAccount::tenantId).contains(tenant.id());
		assertThat(this.audit.history(appId, 10)).singleElement()
			.satisfies((entry) -> assertThat(entry.actor()).isEqualTo("onboarding:return"));

		// WeChat pushes it again: answered success, and not redeemed a second time.
		HttpResponse<String> retry = deliver(failedPush.path("plaintext").asString());
		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(retry.body()).isEqualTo("success");
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
		assertThat(this.audit.history(appId, 10)).hasSize(1);
	}

	@Test
	void aReturnAndAPushArrivingTogetherRedeemTheCodeOnce() throws Exception {
		receiveTicket();
		Tenant tenant = tenant("同时到达");
		String appId = control.createAccount("同时到达", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		this.tokenCache.invalidateIfSame(this.componentTokens.subject(), this.componentTokens.get());
		control.fault(COMPONENT_TOKEN_API, -1, 1);
		String returnUrl = MerchantBrowser.location(browser.authorize(links.pcUrl(), appId, List.of(1, 7)));
		String plaintext = control.lastPush("authorized").path("plaintext").asString();
		assertThat(this.accounts.findById(appId)).isEmpty();

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService both = Executors.newFixedThreadPool(2);
		try {
			Future<HttpResponse<String>> returned = both.submit(() -> {
				start.await();
				return browser.get(returnUrl);
			});
			Future<HttpResponse<String>> pushed = both.submit(() -> {
				start.await();
				return deliver(plaintext);
			});
			start.countDown();
			HttpResponse<String> page = returned.get();
			HttpResponse<String> push = pushed.get();
			// Whoever lost while the other was still at work asks again, as the page and WeChat do.
			if (page.statusCode() == 202) {
				page = browser.get(returnUrl);
			}
			if (push.statusCode() == 503) {
				push = deliver(plaintext);
			}
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(push.body()).isEqualTo("success");
		}
		finally {
			both.shutdownNow();
		}
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
		assertThat(this.audit.history(appId, 10)).hasSize(1);
		assertThat(this.accounts.findById(appId)).map(OfficialAccount::tenantId).contains(tenant.id());
	}

	@Test
	void aReplayedReturnUrlIsRefusedAndChangesNothing() {
		receiveTicket();
		Tenant tenant = tenant("重放小店");
		String appId = control.createAccount("重放小店", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		String returnUrl = MerchantBrowser.location(browser.authorize(links.pcUrl(), appId, List.of(1, 7)));
		assertThat(browser.get(returnUrl).statusCode()).isEqualTo(200);
		List<AuditEntry> history = this.audit.history(appId, 10);

		HttpResponse<String> replayed = browser.get(returnUrl);

		assertThat(replayed.statusCode()).isEqualTo(400);
		assertThat(replayed.body()).contains("授权链接已使用").doesNotContain("授权成功");
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
		assertThat(this.audit.history(appId, 10)).isEqualTo(history);
	}

	@Test
	void theSameStateWithAnotherCodeIsRefused() {
		receiveTicket();
		Tenant tenant = tenant("换码小店");
		String appId = control.createAccount("换码小店", List.of(1, 7));
		String other = control.createAccount("另一家", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		String returnUrl = MerchantBrowser.location(browser.authorize(links.pcUrl(), appId, List.of(1, 7)));
		// Someone else's code, issued by WeChat for another authorization Atrium did not start.
		String otherCode = control.authorize(other);

		HttpResponse<String> page = browser.get(withCode(returnUrl, otherCode));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(this.accounts.findById(other)).isEmpty();
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
	}

	@Test
	void aTamperedStateIsRefusedBeforeAnythingIsAskedOfWeChat() {
		receiveTicket();
		Tenant tenant = tenant("篡改小店");
		Tenant other = tenant("别家");
		OnboardingLinks links = this.onboarding.start(tenant.id());
		String state = state(links);
		String flipped = state.substring(0, state.length() - 5) + (char) (state.charAt(state.length() - 5) ^ 1)
				+ state.substring(state.length() - 4);
		String otherTenant = state.replace("v1." + tenant.id() + ".", "v1." + other.id() + ".");
		assertThat(otherTenant).isNotEqualTo(state);

		for (String tampered : List.of(flipped, otherTenant, state + "x", "v1." + tenant.id(), "")) {
			HttpResponse<String> page = browser.get(returnUrl(tampered, BOGUS_CODE));
			assertThat(page.statusCode()).as(tampered).isEqualTo(400);
			assertThat(page.body()).contains("授权链接无效");
		}
		assertThat(control.calls(QUERY_AUTH_API)).isZero();
		assertThat(this.onboarding.status(links.sessionId())).map(OnboardingStatus::phase).contains(Phase.PENDING);

		// The untampered state does reach WeChat, which refuses the made-up code.
		HttpResponse<String> genuine = browser.get(returnUrl(state, BOGUS_CODE));
		assertThat(genuine.body()).contains("授权未完成");
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
	}

	@Test
	void anExpiredStateIsRefused() {
		receiveTicket();
		Tenant tenant = tenant("过期小店");
		String appId = control.createAccount("过期小店", List.of(1, 7));
		OnboardingLinks links = this.onboarding.start(tenant.id());
		sandbox.advanceClock(Duration.between(sandbox.clock().instant(), links.expiresAt()).plusSeconds(1));

		HttpResponse<String> page = browser.get(returnUrl(state(links), BOGUS_CODE));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("授权链接已过期");
		assertThat(control.calls(QUERY_AUTH_API)).isZero();
		assertThat(this.onboarding.status(links.sessionId())).map(OnboardingStatus::phase).contains(Phase.EXPIRED);
		// WeChat agrees: the link's pre-auth code is dead.
		assertThat(browser.get(links.pcUrl()).statusCode()).isEqualTo(400);
		assertThat(this.accounts.findById(appId)).isEmpty();
	}

	@Test
	void stateOfTenantANeverLandsTheAccountOnTenantB() {
		receiveTicket();
		Tenant a = tenant("甲");
		Tenant b = tenant("乙");
		String appId = control.createAccount("甲的公众号", List.of(1, 7));
		OnboardingLinks linksA = this.onboarding.start(a.id());
		OnboardingLinks linksB = this.onboarding.start(b.id());
		String returnUrlA = MerchantBrowser.location(browser.authorize(linksA.pcUrl(), appId, List.of(1, 7)));
		String code = query(returnUrlA, "auth_code");

		HttpResponse<String> onB = browser.get(returnUrl(state(linksB), code));

		assertThat(onB.statusCode()).isEqualTo(400);
		assertThat(this.accounts.findById(appId)).map(OfficialAccount::tenantId).contains(a.id());
		assertThat(this.onboarding.status(linksB.sessionId())).map(OnboardingStatus::phase).contains(Phase.PENDING);
		assertThat(this.accounts.findByTenant(b.id())).isEmpty();
		assertThat(browser.get(returnUrlA).statusCode()).isEqualTo(200);
		assertThat(control.calls(QUERY_AUTH_API)).isEqualTo(1);
	}

	@Test
	void anAccountHeldByAnotherTenantIsRefusedWith409AndStaysWithItsHolderWithWeChatsNewState() {
		receiveTicket();
		Tenant a = tenant("原租户");
		Tenant b = tenant("新租户");
		String appId = control.createAccount("争议公众号", List.of(1, 7, 11));
		assertThat(onboardThroughThePage(a.id(), appId, List.of(1, 7, 11)).statusCode()).isEqualTo(200);
		OfficialAccount before = this.accounts.findById(appId).orElseThrow();
		String refreshToken = this.accounts.findRefreshToken(appId).orElseThrow();
		List<AuditEntry> history = this.audit.history(appId, 10);
		OnboardingLinks linksB = this.onboarding.start(b.id());

		HttpResponse<String> confirmed = browser.authorize(linksB.pcUrl(), appId, List.of(1));
		assertThat(control.lastPush("updateauthorized").path("acknowledged").asBoolean()).isTrue();
		HttpResponse<String> page = browser.get(MerchantBrowser.location(confirmed));

		assertThat(page.statusCode()).isEqualTo(409);
		assertThat(page.body()).contains("其他租户");
		// The console's onboarding page says so too, naming the account, while the link stays usable.
		OnboardingStatus refused = this.onboarding.status(linksB.sessionId()).orElseThrow();
		assertThat(refused.phase()).isEqualTo(Phase.REFUSED);
		assertThat(refused.refusal()).isEqualTo(OnboardingStatus.Refusal.HELD_BY_ANOTHER_TENANT);
		assertThat(refused.appId()).isEqualTo(appId);
		assertThat(refused.awaiting()).isTrue();
		OfficialAccount after = this.accounts.findById(appId).orElseThrow();
		assertThat(after.tenantId()).isEqualTo(before.tenantId()).isEqualTo(a.id());
		assertThat(this.accounts.findByTenant(b.id())).isEmpty();
		// WeChat re-authorized the account through B's link: the holder gets WeChat's new state, audited.
		assertThat(after.permissions().ids()).containsExactly(1);
		assertThat(this.accounts.findRefreshToken(appId)).get().isNotEqualTo(refreshToken);
		List<AuditEntry> now = this.audit.history(appId, 10);
		assertThat(now).hasSize(history.size() + 1);
		assertThat(now.get(0).action()).isEqualTo(AuditAction.AUTHORIZATION_UPDATED);
		assertThat(now.get(0).actor()).endsWith(":link-of-tenant-" + b.id());
		int refreshes = control.calls(appId, "/cgi-bin/component/api_authorizer_token");
		// WeChat accepts the cached token (no 40001) and refuses freepublish only for the set 7 now missing.
		assertThat(businessCall(this.authorizerTokens.get(appId)).path("errcode").asInt()).isEqualTo(61007);
		assertThat(control.calls(appId, "/cgi-bin/component/api_authorizer_token")).isEqualTo(refreshes);
	}

	@Test
	void anAuthorizationAtriumDidNotStartIsNotRedeemed() {
		receiveTicket();
		String appId = control.createAccount("自行授权", List.of(1, 7));

		control.authorize(appId);

		assertThat(control.lastPush("authorized").path("acknowledged").asBoolean()).isTrue();
		assertThat(control.calls(QUERY_AUTH_API)).isZero();
		assertThat(this.accounts.findById(appId)).isEmpty();
		// Reconcile tells an operator about it.
		assertThat(this.reconciler.reconcileAll().unknownToAtrium()).containsExactly(appId);
	}

	private Tenant tenant(String name) {
		return this.tenants.create(name, null, null, null, null);
	}

	/** The signed state inside a link's redirect_uri. */
	private static String state(OnboardingLinks links) {
		return query(query(links.pcUrl(), "redirect_uri"), "state");
	}

	private static String returnUrl(String state, String code) {
		return "http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + "/wechat/authorization/return?state=" + encode(state)
				+ "&auth_code=" + encode(code) + "&expires_in=600";
	}

	private static String withCode(String returnUrl, String code) {
		return returnUrl.replaceAll("auth_code=[^&]*", "auth_code=" + encode(code));
	}

	private static String query(String url, String name) {
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			int eq = pair.indexOf('=');
			if (pair.substring(0, eq).equals(name)) {
				return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		throw new IllegalArgumentException("No " + name + " in " + url);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

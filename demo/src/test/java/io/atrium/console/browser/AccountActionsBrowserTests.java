package io.atrium.console.browser;

import java.util.Optional;

import io.atrium.console.web.ConsoleTimes;
import io.atrium.token.cache.CachedToken;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenHealth;
import io.atrium.token.cache.TokenSubject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator's actions on an account page: refresh the token now, reconcile with WeChat. Merchants see
 * neither. A refresh WeChat refuses shows as the account's last error and on the dashboard.
 */
class AccountActionsBrowserTests extends ConsoleBrowserTests {

	/** 云杉家居, held by 星河集团 (demo) like the merchant user {@code xinghe}. */
	static final String ACCOUNT = "wx1e3c5a7b9d2f4860";

	@Autowired
	TokenCache tokens;

	@Autowired
	ConsoleTimes times;

	@Test
	void theAccountsListIsSearchedByTenantFilteredBySetAndStatusInBothLanguagesAndOnAPhone() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts");
		assertThat(waitFor(By.id("accounts-total")).getText()).isEqualTo("共 3 个公众号");
		assertThat(browser.findElement(By.id("status-ALL")).getText()).contains("全部").endsWith("3");

		// A middle substring of the tenant's name (山野文化 (demo)) finds its one account.
		browser.findElement(By.id("account-q")).sendKeys("野文");
		browser.findElement(By.id("account-search-submit")).click();
		assertThat(waitFor(By.id("accounts-total")).getText()).isEqualTo("共 1 个公众号");
		assertThat(browser.findElements(By.cssSelector("#accounts a[id^=account-]"))).extracting(WebElement::getText)
			.containsExactly("山野读书会");
		screenshot("accounts-search-zh");

		// Set 7 (群发与通知): the two accounts that granted it; the status chips count within the search.
		open("/accounts?set=7");
		assertThat(waitFor(By.id("accounts-total")).getText()).isEqualTo("共 2 个公众号");
		assertThat(browser.findElements(By.cssSelector("#accounts a[id^=account-]"))).extracting(WebElement::getText)
			.doesNotContain("云杉家居");
		browser.findElement(By.id("status-REVOKED")).click();
		assertThat(waitFor(By.id("accounts-total")).getText()).isEqualTo("共 0 个公众号");
		assertThat(browser.getCurrentUrl()).contains("set=7").contains("status=REVOKED");

		browser.manage().window().setSize(new Dimension(390, 844));
		open("/accounts");
		waitFor(By.id("account-search-submit"));
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("accounts-phone-zh");
		browser.manage().window().setSize(new Dimension(1280, 900));

		open("/accounts?lang=en&q=" + ACCOUNT.substring(4, 12));
		assertThat(waitFor(By.id("accounts-total")).getText()).isEqualTo("1 account");
		assertThat(browser.findElement(By.id("account-q")).getDomAttribute("placeholder"))
			.isEqualTo("Search names, AppIDs or merchants");
		screenshot("accounts-search-en");
		browser.findElement(By.id("language-switch")).click();
		waitFor(By.id("accounts"));
	}

	@Test
	void anAdministratorRefreshesTheTokenAndReconcilesWithWeChat() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		Optional<CachedToken> before = this.tokens.read(TokenSubject.authorizer(ACCOUNT));
		open("/accounts/" + ACCOUNT);

		waitFor(By.id("refresh-token")).click();

		assertThat(waitFor(By.id("action-result")).getText()).contains("已向微信取得新的访问令牌");
		Optional<CachedToken> after = this.tokens.read(TokenSubject.authorizer(ACCOUNT));
		assertThat(after).isPresent();
		assertThat(after.get().token()).isNotEqualTo(before.map(CachedToken::token).orElse(null));
		assertThat(waitFor(By.id("token-health")).getText()).doesNotContain(after.get().token());
		screenshot("account-refreshed-zh");

		waitFor(By.id("reconcile")).click();

		assertThat(waitFor(By.id("action-result")).getText()).contains("已与微信的授权列表核对");
	}

	@Test
	void aFailedRefreshShowsOnTheAccountPageAndTheDashboardAndTheNextRefreshClearsIt() {
		TokenSubject subject = TokenSubject.authorizer(ACCOUNT);
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		// WeChat is busy once for this account's next token refresh.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"/cgi-bin/component/api_authorizer_token\",\"appid\":\""
				+ ACCOUNT + "\",\"errcode\":-1,\"times\":1}");
		try {
			open("/accounts/" + ACCOUNT);
			waitFor(By.id("refresh-token")).click();

			assertThat(waitFor(By.id("action-problem")).getText()).contains("刷新失败");
			TokenHealth failed = this.tokens.health(subject);
			assertThat(waitFor(By.id("token-failing")).getText()).isEqualTo("刷新失败");
			assertThat(waitFor(By.id("token-last-error-reason")).getText()).startsWith("api_authorizer_token errcode -1: system error");
			assertThat(waitFor(By.id("token-last-error-at")).getText())
				.isEqualTo(this.times.format(failed.lastFailedAt()));
			screenshot("account-token-failing-zh");

			open("/dashboard");
			assertThat(waitFor(By.id("tokens-failing")).getText()).isEqualTo("1");
			WebElement listed = waitFor(By.cssSelector("#tokens-failing-list a"));
			assertThat(listed.getText()).isEqualTo("云杉家居");
			assertThat(listed.getAttribute("href")).isEqualTo(url("/accounts/" + ACCOUNT));
			assertThat(waitFor(By.id("tokens-overdue")).getText()).isEqualTo("0");
			screenshot("dashboard-token-failing-zh");

			// The accounts list filtered to tokens failing to refresh: this account alone.
			open("/accounts");
			assertThat(waitFor(By.id("health-failing")).getText()).isEqualTo("令牌刷新失败 1");
			browser.findElement(By.id("health-failing")).click();
			waitFor(By.cssSelector("#health-failing.active"));
			assertThat(browser.findElements(By.cssSelector("#accounts tbody tr"))).singleElement()
				.satisfies((row) -> assertThat(row.getText()).contains("云杉家居"));
			screenshot("accounts-token-failing-zh");
			// And the operations list's filter, the row marked.
			open("/operations");
			assertThat(waitFor(By.id("show-refresh_failing")).getText()).isEqualTo("令牌刷新失败 1");
			browser.findElement(By.id("show-refresh_failing")).click();
			waitFor(By.cssSelector("#show-refresh_failing.active"));
			assertThat(browser.findElements(By.cssSelector(".refresh-failing"))).singleElement()
				.satisfies((badge) -> assertThat(badge.findElement(By.xpath("./..")).getText()).contains("云杉家居"));
			screenshot("operations-token-failing-zh");

			open("/dashboard");
			// Followed by its address: below the charts, the link may sit under the chart's cursor layer.
			open(waitFor(By.cssSelector("#tokens-failing-list a")).getDomAttribute("href"));
			waitFor(By.id("refresh-token")).click();

			assertThat(waitFor(By.id("action-result")).getText()).contains("已向微信取得新的访问令牌");
			TokenHealth healed = this.tokens.health(subject);
			assertThat(present(By.id("token-failing"))).isFalse();
			assertThat(waitFor(By.id("token-last-refresh")).getText())
				.isEqualTo(this.times.format(healed.lastRefreshedAt()));
			assertThat(waitFor(By.id("token-last-error-reason")).getText()).as("the last error stays")
				.startsWith("api_authorizer_token errcode -1: system error");
			assertThat(waitFor(By.tagName("main")).getText())
				.doesNotContain(this.tokens.read(subject).orElseThrow().token());
			open("/dashboard");
			assertThat(waitFor(By.id("tokens-failing")).getText()).isEqualTo("0");
			assertThat(present(By.cssSelector("#tokens-failing-list a"))).isFalse();
			open("/accounts?health=failing");
			assertThat(waitFor(By.id("health-failing")).getText()).isEqualTo("令牌刷新失败 0");
			assertThat(browser.findElements(By.cssSelector("#accounts tbody tr"))).singleElement()
				.satisfies((row) -> assertThat(row.getText()).isEqualTo("没有公众号。"));

			// The account's merchant sees when it last failed, not why: the reason may be about the platform.
			browser.manage().deleteAllCookies();
			logIn(MERCHANT, MERCHANT_PASSWORD);
			waitFor(By.id("nav-accounts"));
			open("/accounts/" + ACCOUNT);
			assertThat(waitFor(By.id("token-last-error-at")).getText())
				.isEqualTo(this.times.format(healed.lastFailedAt()));
			assertThat(present(By.id("token-last-error-reason"))).isFalse();
			assertThat(waitFor(By.tagName("main")).getText()).doesNotContain("errcode");
		}
		finally {
			sandbox("DELETE", "/sandbox/faults", null);
		}
	}

	@Test
	void merchantsSeeNeitherAction() {
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT);

		waitFor(By.id("account-name"));
		assertThat(present(By.id("refresh-token"))).isFalse();
		assertThat(present(By.id("reconcile"))).isFalse();
		assertThat(present(By.id("reauthorize"))).isTrue();
	}

}

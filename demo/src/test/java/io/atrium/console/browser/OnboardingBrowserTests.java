package io.atrium.console.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator onboards a new merchant end to end in Chromium: creates the tenant, starts onboarding, and while
 * the onboarding page polls, the merchant authorizes on the sandbox's authorization page in another tab; the
 * onboarding page then shows the account by itself. Also: the main pages hold on a phone.
 */
class OnboardingBrowserTests extends ConsoleBrowserTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void operatorOnboardsANewMerchantThroughTheSandboxsAuthorizationPage() throws Exception {
		String appId = createSandboxAccount("晨光花店");
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		open("/tenants");
		browser.findElement(By.id("tenant-new")).click();
		waitFor(By.id("name")).sendKeys("晨光集团");
		browser.findElement(By.id("contactName")).sendKeys("林晨");
		browser.findElement(By.id("tenant-save")).click();
		assertThat(waitFor(By.id("tenant-name")).getText()).isEqualTo("晨光集团");
		open("/tenants?q=" + URLEncoder.encode("晨光", StandardCharsets.UTF_8));
		assertThat(browser.findElements(By.cssSelector("#tenants tbody tr"))).hasSize(1);
		screenshot("tenants-zh");
		browser.findElement(By.linkText("晨光集团")).click();
		waitFor(By.id("onboarding-start")).click();

		waitFor(By.id("onboarding-pending"));
		assertThat(browser.findElement(By.id("onboarding-qr")).getAttribute("src")).startsWith("data:image/svg+xml");
		String link = browser.findElement(By.id("onboarding-link")).getAttribute("href");
		assertThat(link).startsWith(this.wechat.mpBaseUrl()).contains("/cgi-bin/componentloginpage?");
		screenshot("onboarding-pending-zh");
		String onboardingWindow = browser.getWindowHandle();

		// The merchant, in another tab: WeChat's (the sandbox's) page, the account's 「授权」 button.
		browser.switchTo().newWindow(WindowType.TAB);
		browser.get(link);
		waitFor(By.id("authorize-" + appId)).click();
		waitFor(By.tagName("body"));
		browser.close();
		browser.switchTo().window(onboardingWindow);

		// Nobody reloads: htmx polls the session's status until the authorization has arrived.
		assertThat(waitFor(By.id("onboarding-completed")).getText()).contains("授权完成", "晨光花店");
		assertThat(present(By.id("onboarding-pending"))).isFalse();
		// The spent link and its QR code went with it.
		assertThat(present(By.id("onboarding-link"))).isFalse();
		assertThat(present(By.id("onboarding-qr"))).isFalse();
		screenshot("onboarding-completed-zh");
		browser.findElement(By.id("onboarding-account")).click();
		assertThat(waitFor(By.id("account-name")).getText()).isEqualTo("晨光花店");
		assertThat(browser.findElement(By.id("account-status")).getText()).isEqualTo("已授权");
		assertThat(browser.findElement(By.id("permission-11")).getText()).contains("素材管理");
		assertThat(browser.findElement(By.id("history")).getText()).contains("授权");
		screenshot("account-zh");
		open("/accounts/" + appId + "?lang=en");
		assertThat(waitFor(By.id("account-status")).getText()).isEqualTo("Authorized");
		screenshot("account-en");
		open("/accounts/" + appId + "?lang=zh-CN");
	}

	@Test
	void aLinkSharedWithTheMerchantLeadsToWeChatAndARefusedAuthorizationIsShown() {
		String appId = createSandboxAccount("晓风书屋");
		long xinghe = this.jdbc.sql("select id from tenant where name = '星河集团 (demo)'").query(Long.class).single();
		long shanye = this.jdbc.sql("select id from tenant where name = '山野文化 (demo)'").query(Long.class).single();
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		open("/tenants/" + xinghe);
		waitFor(By.id("onboarding-start")).click();
		String shared = waitFor(By.id("onboarding-share")).getDomProperty("value");
		assertThat(shared).contains("/wechat/authorization/start/").doesNotContain("pre_auth_code");
		WebElement copy = browser.findElement(By.id("onboarding-share-copy"));
		copy.click();
		new WebDriverWait(browser, Duration.ofSeconds(5)).until((driver) -> copy.getText().equals("已复制"));
		screenshot("onboarding-share-zh");
		String console = browser.getWindowHandle();

		// The merchant opens the shared link: Atrium's page in their language, whose button opens WeChat's page.
		browser.switchTo().newWindow(WindowType.TAB);
		browser.get(shared);
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("授权公众号");
		assertThat(browser.findElement(By.id("message")).getText()).contains("星河集团", "有效期至");
		WebElement authorize = browser.findElement(By.id("authorize-pc"));
		assertThat(authorize.getDomAttribute("referrerpolicy")).isEqualTo("origin");
		assertThat(authorize.getDomAttribute("href")).startsWith(this.wechat.mpBaseUrl() + "/cgi-bin/componentloginpage?");
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("merchant-start-zh");
		browser.manage().window().setSize(new Dimension(390, 844));
		assertThat(scrollsHorizontally()).as("on a phone").isFalse();
		screenshot("merchant-start-phone-zh");
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.findElement(By.id("language")).click();
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("Authorize your Official Account");
		screenshot("merchant-start-en");
		// Back to Chinese (the choice is remembered like the console's), then on to WeChat's page.
		browser.findElement(By.id("language")).click();
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("授权公众号");
		waitFor(By.id("authorize-pc")).click();
		waitFor(By.id("authorize-" + appId)).click();
		// Back on Atrium: the return page in the browser's language.
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("授权成功");
		assertThat(browser.findElement(By.id("message")).getText()).contains("晓风书屋");
		screenshot("merchant-return-zh");
		browser.switchTo().window(console);
		assertThat(waitFor(By.id("onboarding-completed")).getText()).contains("晓风书屋", appId);
		// The link is spent: its page says so and offers no button.
		browser.switchTo().window(browser.getWindowHandles().stream().filter((h) -> !h.equals(console)).findFirst()
			.orElseThrow());
		browser.get(shared);
		assertThat(waitFor(By.id("message")).getText()).contains("授权已完成");
		assertThat(present(By.id("authorize-pc"))).isFalse();
		browser.get(shared.substring(0, shared.length() - 4) + "AAAA");
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("授权链接已失效");

		// The same account authorized through another tenant's link: refused, and the console says why.
		browser.switchTo().window(console);
		open("/tenants/" + shanye);
		waitFor(By.id("onboarding-start")).click();
		String link = waitFor(By.id("onboarding-link")).getDomAttribute("href");
		assertThat(browser.findElement(By.id("onboarding-link")).getDomAttribute("referrerpolicy")).isEqualTo("origin");
		browser.switchTo().window(browser.getWindowHandles().stream().filter((h) -> !h.equals(console)).findFirst()
			.orElseThrow());
		browser.get(link);
		waitFor(By.id("authorize-" + appId)).click();
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("无法授权");
		browser.close();
		browser.switchTo().window(console);
		WebElement refused = waitFor(By.id("onboarding-refused"));
		assertThat(refused.getDomAttribute("data-refusal")).isEqualTo("HELD_BY_ANOTHER_TENANT");
		assertThat(refused.getText()).contains("授权未完成", appId, "其他租户");
		// Still waiting: the merchant may authorize another account through the link.
		assertThat(present(By.id("onboarding-link"))).isTrue();
		screenshot("onboarding-refused-zh");
		browser.navigate().to(browser.getCurrentUrl().replaceAll("\\?.*$", "") + "?lang=en");
		assertThat(waitFor(By.id("onboarding-refused")).getText()).contains("Authorization not completed", appId,
				"another tenant");
		screenshot("onboarding-refused-en");
		open("/dashboard?lang=zh-CN");
		assertThat(this.jdbc.sql("select tenant_id from official_account where appid = :appid").param("appid", appId)
			.query(Long.class).single()).isEqualTo(xinghe);
	}

	@Test
	void anAccountToReauthorizeGetsALinkForItAloneAndIsAuthorizedAgainThroughIt() {
		String appId = createSandboxAccount("雨林茶社");
		long xinghe = this.jdbc.sql("select id from tenant where name = '星河集团 (demo)'").query(Long.class).single();
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		open("/tenants/" + xinghe);
		waitFor(By.id("onboarding-start")).click();
		String link = waitFor(By.id("onboarding-link")).getDomAttribute("href");
		String console = browser.getWindowHandle();
		browser.switchTo().newWindow(WindowType.TAB);
		browser.get(link);
		waitFor(By.id("authorize-" + appId)).click();
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("授权成功");
		browser.switchTo().window(console);
		waitFor(By.id("onboarding-completed"));
		// WeChat refuses its refresh token (61023) for good: the next refresh marks it for re-authorization.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"/cgi-bin/component/api_authorizer_token\",\"appid\":\""
				+ appId + "\",\"errcode\":61023}");
		try {
			open("/accounts/" + appId);
			waitFor(By.id("refresh-token")).click();
			await().atMost(Duration.ofSeconds(15)).until(() -> this.jdbc
				.sql("select status from official_account where appid = :appid")
				.param("appid", appId)
				.query(String.class)
				.single()
				.equals("NEEDS_REAUTH"));
		}
		finally {
			sandbox("DELETE", "/sandbox/faults", null);
		}

		open("/accounts?status=NEEDS_REAUTH");
		waitFor(By.id("reauth-issue")).click();
		WebElement row = waitFor(By.cssSelector("#reauth-links tr[data-appid='" + appId + "']"));
		assertThat(row.getText()).contains("雨林茶社", "星河集团");
		String shared = row.findElement(By.cssSelector(".reauth-link")).getDomProperty("value");
		assertThat(shared).contains("/wechat/authorization/start/");
		screenshot("reauthorization-links-zh");
		browser.manage().window().setSize(new Dimension(390, 844));
		assertThat(scrollsHorizontally()).as("on a phone").isFalse();
		screenshot("reauthorization-links-phone-zh");
		browser.manage().window().setSize(new Dimension(1280, 900));
		open("/accounts?status=NEEDS_REAUTH&lang=en");
		assertThat(waitFor(By.id("reauth-issue")).getText()).isEqualTo("Issue re-authorization links");
		screenshot("accounts-reauthorize-en");
		open("/accounts?lang=zh-CN");

		// The merchant's link opens WeChat's page for this account alone (biz_appid), and authorizing heals it.
		browser.switchTo().window(browser.getWindowHandles().stream().filter((h) -> !h.equals(console)).findFirst()
			.orElseThrow());
		browser.get(shared);
		WebElement authorize = waitFor(By.id("authorize-pc"));
		assertThat(authorize.getDomAttribute("href")).contains("biz_appid=" + appId).doesNotContain("auth_type=");
		authorize.click();
		waitFor(By.id("authorize-" + appId)).click();
		assertThat(waitFor(By.id("result")).getText()).isEqualTo("授权成功");
		browser.close();
		browser.switchTo().window(console);
		assertThat(this.jdbc.sql("select status from official_account where appid = :appid").param("appid", appId)
			.query(String.class).single()).isEqualTo("AUTHORIZED");
	}

	@Test
	void buttonsAndListHeadingsKeepToOneLineOnAPhoneAndAWideScreen() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		List<String> pages = List.of("/users", "/operations", "/api-keys", "/tenants/1", "/accounts/wx5a7c1e9b3d2f4068",
				"/webhooks", "/accounts");
		try {
			for (Dimension size : List.of(new Dimension(390, 844), new Dimension(1440, 900))) {
				browser.manage().window().setSize(size);
				for (String page : pages) {
					open(page);
					waitFor(By.tagName("main"));
					assertThat(wrapped(".btn, #users-table th, #users-table td, #operations-accounts th, "
							+ "#operations-accounts td, #api-keys th, #api-keys td"))
						.as(page + " at " + size.width + " px")
						.isEmpty();
				}
			}
			browser.manage().window().setSize(new Dimension(390, 844));
			open("/users");
			screenshot("phone-users-zh");
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	/** The texts of the elements matching the selector whose own text runs over more than one line. */
	@SuppressWarnings("unchecked")
	private static List<String> wrapped(String selector) {
		return (List<String>) ((JavascriptExecutor) browser).executeScript("""
				return Array.from(document.querySelectorAll(arguments[0])).filter((element) => {
					const lines = new Set();
					for (const node of element.childNodes) {
						if (node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '') {
							const range = document.createRange();
							range.selectNodeContents(node);
							for (const rect of range.getClientRects()) {
								lines.add(Math.round(rect.top));
							}
						}
					}
					return lines.size > 1;
				}).map((element) => element.textContent.trim());""", selector);
	}

	@Test
	void mainPagesHoldOnAPhoneWithoutScrollingSideways() {
		browser.manage().window().setSize(new Dimension(390, 844));
		open("/login");
		assertThat(scrollsHorizontally()).as("login").isFalse();
		screenshot("phone-login-zh");
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		for (String page : List.of("/dashboard", "/tenants", "/tenants/1", "/accounts", "/accounts/wx5a7c1e9b3d2f4068",
				"/operations")) {
			open(page);
			assertThat(scrollsHorizontally()).as(page).isFalse();
		}
		open("/accounts/wx5a7c1e9b3d2f4068");
		screenshot("phone-account-zh");
		open("/dashboard");
		// The navigation collapses behind the toggler on a phone.
		assertThat(browser.findElement(By.id("nav-tenants")).isDisplayed()).isFalse();
		browser.findElement(By.cssSelector(".navbar-toggler")).click();
		assertThat(waitFor(By.id("nav-tenants")).isDisplayed()).isTrue();
		screenshot("phone-dashboard-zh");
	}

	@Test
	void aPollingOnboardingPageWhoseSessionEndedGoesToTheLoginPageWhole() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		open("/tenants/1");
		waitFor(By.id("onboarding-start")).click();
		waitFor(By.id("onboarding-pending"));

		// The session ends (expired, or ended on another instance): the next poll must not put the login form
		// into the status part of the page.
		browser.manage().deleteCookieNamed("ATRIUM_SESSION");

		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
		assertThat(waitFor(By.id("login-submit")).isDisplayed()).isTrue();
		assertThat(present(By.id("onboarding-qr"))).isFalse();

		// Logging in again leads to a page, not to the poll's bare fragment remembered as "where you were".
		logIn(OPERATOR, OPERATOR_PASSWORD);
		assertThat(waitFor(By.id("nav-dashboard")).isDisplayed()).isTrue();
		assertThat(browser.getCurrentUrl()).doesNotContain("/status");
	}

	/** A merchant account that has not authorized the platform yet, through the sandbox's control API. */
	private String createSandboxAccount(String nickname) {
		String created = sandbox("POST", "/sandbox/accounts", "{\"nickname\":\"" + nickname
				+ "\",\"permissionSets\":[1,7,11],\"content\":{\"posts\":2}}");
		Matcher appId = Pattern.compile("\"appid\":\"(wx[0-9a-f]{16})\"").matcher(created);
		assertThat(appId.find()).isTrue();
		return appId.group(1);
	}

}

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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator onboards a new merchant end to end in Chromium: creates the tenant, starts onboarding, and while
 * the onboarding page polls, the merchant authorizes on the sandbox's authorization page in another tab; the
 * onboarding page then shows the account by itself. Also: the main pages hold on a phone.
 */
class OnboardingBrowserTests extends ConsoleBrowserTests {

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
		assertThat(waitFor(By.id("onboarding-completed")).getText()).contains("授权完成");
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

package io.atrium.console.browser;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant user in Chromium: their tenant's accounts only, no operator pages, and another tenant's account is
 * a 404 whose attempt is audited.
 */
class MerchantPortalBrowserTests extends ConsoleBrowserTests {

	/** 星河集团's accounts, and 山野文化's (wechat-sandbox/README.md, "Demo accounts"). */
	static final List<String> OWN = List.of("wx1e3c5a7b9d2f4860", "wx5a7c1e9b3d2f4068");

	static final String OTHER_TENANTS = "wx8b2d4f6a1c3e5079";

	@Autowired
	JdbcClient jdbc;

	@Test
	void merchantSeesOnlyTheirTenantsAccountsAndNoOperatorPages() {
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("accounts"));
		assertThat(browser.getCurrentUrl()).endsWith("/accounts");
		List<String> shown = browser.findElements(By.cssSelector("#accounts a[id^=account-]"))
			.stream()
			.map((link) -> link.getAttribute("id").substring("account-".length()))
			.sorted()
			.toList();
		assertThat(shown).isEqualTo(OWN);
		assertThat(present(By.id("nav-tenants"))).isFalse();
		assertThat(present(By.id("nav-operations"))).isFalse();
		assertThat(present(By.id("nav-dashboard"))).isFalse();
		screenshot("merchant-accounts-zh");
		open("/operations");
		assertThat(browser.getPageSource()).doesNotContain("access-refusals");
		open("/tenants");
		assertThat(present(By.id("tenants"))).isFalse();
	}

	@Test
	void anotherTenantsAccountIsNotFoundAndTheAttemptIsAudited() {
		long before = refusals();
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("accounts"));
		open("/accounts/" + OTHER_TENANTS);
		assertThat(waitFor(By.id("not-found")).getText()).contains("页面不存在");
		assertThat(browser.getPageSource()).doesNotContain("山野读书会");
		assertThat(refusals()).isEqualTo(before + 1);
		assertThat(this.jdbc.sql("select target from console_access_audit where username = :user "
				+ "order by id desc limit 1").param("user", MERCHANT).query(String.class).single())
			.isEqualTo(OTHER_TENANTS);
		// Their own account opens, with its permission sets and what content needs.
		open("/accounts/" + OWN.get(1));
		assertThat(waitFor(By.id("account-name")).getText()).isEqualTo("星河咖啡");
		assertThat(browser.findElement(By.id("permission-7")).getText()).contains("群发与通知");
		assertThat(browser.findElement(By.id("readiness-articles")).getText()).contains("可以读取");
		assertThat(present(By.id("reauthorize"))).isTrue();
		// An id in a form: re-authorization for another tenant is refused the same way.
		WebElement tenantId = browser.findElement(By.cssSelector("form input[name=tenantId]"));
		((JavascriptExecutor) browser).executeScript("arguments[0].value = '2'", tenantId);
		browser.findElement(By.id("reauthorize")).click();
		assertThat(waitFor(By.id("not-found")).isDisplayed()).isTrue();
		assertThat(refusals()).isEqualTo(before + 2);
	}

	@Test
	void anAccountWithoutSetSevenSaysWhatIsMissing() {
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("accounts"));
		open("/accounts/" + OWN.get(0));
		assertThat(waitFor(By.id("readiness-articles")).getText()).contains("缺少权限集 7 群发与通知");
		assertThat(browser.findElement(By.id("readiness-materials")).getText()).contains("缺少权限集 11");
		assertThat(browser.getPageSource()).doesNotContainIgnoringCase("access_token=")
			.doesNotContain("refresh_token");
	}

	@Test
	void merchantStartsTheirOwnReauthorizationWhichNoOtherMerchantCanOpen() {
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("accounts"));
		browser.findElement(By.id("onboarding-start")).click();
		waitFor(By.id("onboarding-pending"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("星河集团");
		assertThat(browser.findElement(By.id("onboarding-link")).getAttribute("href")).contains("componentloginpage");
		String onboardingPage = browser.getCurrentUrl();
		browser.manage().deleteAllCookies();
		logIn("shanye", "atrium-demo-shanye");
		waitFor(By.id("accounts"));
		browser.get(onboardingPage);
		assertThat(waitFor(By.id("not-found")).isDisplayed()).isTrue();
		assertThat(this.jdbc.sql("select target_kind from console_access_audit where username = 'shanye' "
				+ "order by id desc limit 1").query(String.class).single()).isEqualTo("onboarding");
	}

	private long refusals() {
		return this.jdbc.sql("select count(*) from console_access_audit where username = :user")
			.param("user", MERCHANT)
			.query(Long.class)
			.single();
	}

}

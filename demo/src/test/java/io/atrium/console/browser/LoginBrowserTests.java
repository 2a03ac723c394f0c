package io.atrium.console.browser;

import io.atrium.console.security.ConsoleRole;
import io.atrium.console.security.ConsoleUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logging in and out in Chromium: Chinese first, a wrong password, the lock after five failures, the notice of
 * failed attempts after the next login.
 */
class LoginBrowserTests extends ConsoleBrowserTests {

	@Autowired
	ConsoleUsers users;

	@Test
	void operatorLogsInToTheDashboardAndOut() {
		open("/dashboard");
		// Not logged in: sent to the login page, which speaks Chinese although the browser asks for English.
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("登录 Atrium 控制台");
		screenshot("login-zh");
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		// Back to the page asked for before the login.
		assertThat(browser.getCurrentUrl()).contains("/dashboard");
		assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo(OPERATOR);
		assertThat(browser.findElement(By.id("nav-dashboard")).getText()).isEqualTo("仪表盘");
		assertThat(browser.findElement(By.id("nav-tenants")).getText()).isEqualTo("商户");
		assertThat(browser.findElement(By.id("nav-operations")).getText()).isEqualTo("运维");
		assertThat(browser.findElement(By.id("ticket-health")).getText()).isEqualTo("正常");
		screenshot("dashboard-zh");
		browser.findElement(By.id("language-switch")).click();
		assertThat(waitFor(By.id("nav-dashboard")).getText()).isEqualTo("Dashboard");
		screenshot("dashboard-en");
		// The choice is remembered by a cookie on the next page.
		open("/tenants");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tenants");
		screenshot("tenants-en");
		browser.findElement(By.id("language-switch")).click();
		assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("商户");
		browser.findElement(By.id("logout")).click();
		assertThat(waitFor(By.id("login-logout")).getText()).contains("退出");
		open("/dashboard");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

	@Test
	void aPostWithoutTheCsrfTokenIsRefusedInTheBrowser() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("accounts-total"));
		// The logged-in browser's own session cookie, but no token: what a forged cross-site form would send.
		Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('/tenants', { method: 'POST', redirect: 'manual',
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=csrf-probe' })
					.then((response) => done(response.status));""");
		assertThat(status).isEqualTo(403L);
		open("/tenants?q=csrf-probe");
		assertThat(browser.findElements(By.cssSelector("#tenants tbody a"))).isEmpty();
	}

	@Test
	void aWrongPasswordShowsAnError() {
		logIn(OPERATOR, "not-the-password");
		assertThat(waitFor(By.id("login-error")).getText()).isEqualTo("用户名或密码错误。");
		assertThat(present(By.id("current-user"))).isFalse();
	}

	@Test
	void fiveFailuresLockTheUsernameHereForAMinuteEvenAgainstTheRightPassword() {
		String username = "locked-out-" + System.nanoTime() % 100000;
		this.users.create(username, "the-right-password", ConsoleRole.MERCHANT, 1L);
		for (int i = 0; i < 5; i++) {
			logIn(username, "wrong-password-" + i);
			assertThat(waitFor(By.id("login-error")).isDisplayed()).isTrue();
		}
		logIn(username, "the-right-password");
		// The first lock is a minute; it doubles with each failure after it.
		assertThat(waitFor(By.id("login-locked")).getText()).contains("请 1 分钟后再试");
		assertThat(present(By.id("current-user"))).isFalse();
		screenshot("login-locked-zh");
	}

	@Test
	void theUserIsToldOfFailedAttemptsOnTheirNameOnTheFirstPageAfterLoggingIn() {
		String username = "told-" + System.nanoTime() % 100000;
		this.users.create(username, "the-right-long-password", ConsoleRole.MERCHANT, 1L);
		logIn(username, "wrong-password-1");
		waitFor(By.id("login-error"));
		logIn(username, "wrong-password-2");
		waitFor(By.id("login-error"));
		logIn(username, "the-right-long-password");
		assertThat(waitFor(By.id("login-notice")).getText()).contains("自您上次登录以来，您的用户名有 2 次登录失败",
				"来自网络地址");
		screenshot("login-notice-zh");
		open("/accounts");
		waitFor(By.id("current-user"));
		assertThat(present(By.id("login-notice"))).as("told once").isFalse();
	}

}

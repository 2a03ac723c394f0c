package io.atrium.console.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users page in Chromium: an administrator adds a read-only operator, who then sees the dashboard and tenants
 * but none of the administrators' actions. The viewer is this test's own, so the demo's users stay as they are.
 */
class UsersBrowserTests extends ConsoleBrowserTests {

	@Test
	void anAdministratorAddsAViewerWhoSeesButChangesNothing() {
		String viewer = "support-" + System.nanoTime() % 100000;
		String password = "a-long-support-password";
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-users")).click();
		assertThat(waitFor(By.id("users-heading")).getText()).isEqualTo("用户");
		assertThat(browser.findElement(By.id("users-table")).getText()).contains(OPERATOR, MERCHANT, "星河");
		browser.findElement(By.id("operator-username")).sendKeys(viewer);
		browser.findElement(By.id("operator-password")).sendKeys(password);
		browser.findElement(By.id("operator-password-confirmation")).sendKeys(password);
		// 平台只读 is the form's first choice, so a slip of the hand does not make an administrator.
		assertThat(browser.findElement(By.id("operator-role")).getDomProperty("value")).isEqualTo("PLATFORM_VIEWER");
		browser.findElement(By.id("operator-add")).click();
		assertThat(waitFor(By.id("users-done")).getText()).contains(viewer);
		assertThat(browser.findElement(By.id("user-" + viewer)).getText()).contains("平台只读", "启用");
		screenshotWholePage("users-zh");
		open("/users?lang=en");
		assertThat(waitFor(By.id("users-heading")).getText()).isEqualTo("Users");
		assertThat(browser.findElement(By.id("user-" + viewer)).getText()).contains("Enabled");
		screenshotWholePage("users-en");
		open("/users?lang=zh-CN");
		waitFor(By.id("logout")).click();
		waitFor(By.id("login-logout"));

		logIn(viewer, password);
		waitFor(By.id("accounts-total"));
		assertThat(browser.getCurrentUrl()).endsWith("/dashboard");
		assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo(viewer);
		assertThat(present(By.id("nav-users"))).isFalse();
		assertThat(present(By.id("nav-password"))).isTrue();
		open("/tenants");
		waitFor(By.id("nav-tenants"));
		assertThat(present(By.id("tenant-new"))).isFalse();
		assertThat(present(By.id("platform-api-keys"))).isFalse();
		open("/users");
		assertThat(waitFor(By.id("error-status")).getText()).as("refused, not failed").isEqualTo("403");
		assertThat(present(By.id("users-table"))).isFalse();
	}

	@Test
	void aGuessablePasswordIsRefusedWithTheEstimatorsAdviceAndNothingIsAdded() {
		String name = "weak-" + System.nanoTime() % 100000;
		logIn(OPERATOR, OPERATOR_PASSWORD);
		open("/users");
		browser.findElement(By.id("operator-username")).sendKeys(name);
		browser.findElement(By.id("operator-password")).sendKeys("password1234");
		browser.findElement(By.id("operator-password-confirmation")).sendKeys("password1234");
		browser.findElement(By.id("operator-add")).click();
		assertThat(waitFor(By.id("users-problem")).getText()).contains("这个密码太容易被猜中", "这是非常常见的密码");
		assertThat(present(By.id("user-" + name))).isFalse();
		screenshotWholePage("users-weak-password-zh");

		browser.findElement(By.id("operator-username")).sendKeys(name);
		browser.findElement(By.id("operator-password")).sendKeys("a-long-support-password");
		browser.findElement(By.id("operator-password-confirmation")).sendKeys("a-long-support-passwort");
		browser.findElement(By.id("operator-add")).click();
		assertThat(waitFor(By.id("users-problem")).getText()).contains("两次输入的密码不一致");
		assertThat(present(By.id("user-" + name))).isFalse();
	}

}

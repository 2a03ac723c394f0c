package io.atrium.console.browser;

import java.util.ArrayList;
import java.util.List;

import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import of authorizers WeChat lists that Atrium does not hold, in Chromium, in both languages: an
 * administrator pastes a file with a bad line (refused by its number, nothing changed), dry-runs the fixed file,
 * imports after confirming, and sees the run in the record; a merchant is refused the page. The accounts are this
 * test's own sandbox merchants, authorized in the sandbox only, so the demo's accounts stay as they are.
 */
class AuthorizerImportBrowserTests extends ConsoleBrowserTests {

	@Autowired
	TenantRepository tenants;

	@Autowired
	OfficialAccountRepository accounts;

	@Test
	void anAdministratorFixesABadLineDryRunsAndImportsInChineseAndEnglish() {
		long suffix = System.nanoTime() % 100000;
		Tenant tenant = this.tenants.create("迁入商户 " + suffix, null, null, null, null);
		List<String> appIds = authorizedElsewhere("浏览器迁入 " + suffix, 2);
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-tenants")).click();
		waitFor(By.id("authorizer-import")).click();
		assertThat(waitFor(By.id("import-heading")).getText()).isEqualTo("导入已授权公众号");

		paste("appid,tenant\n" + appIds.get(0) + "," + tenant.name() + "\n" + appIds.get(1) + ",没有这个商户");
		browser.findElement(By.id("import-run")).click();
		assertThat(confirmation(true)).contains("确定导入");
		assertThat(waitFor(By.id("import-problems")).getText()).contains("第 3 行：没有名称或 ID 为“没有这个商户”的商户");
		assertThat(this.accounts.findById(appIds.get(0))).isEmpty();
		screenshotWholePage("import-refused-zh");

		paste(appIds.get(0) + "," + tenant.name() + "\n" + appIds.get(1) + "," + tenant.id());
		browser.findElement(By.id("import-dry-run")).click();
		assertThat(waitFor(By.id("import-result")).getText()).contains("预演结果（未做任何更改）", "将导入");
		assertThat(this.accounts.findById(appIds.get(0))).isEmpty();

		open("/authorizer-import?lang=en");
		assertThat(waitFor(By.id("import-heading")).getText()).isEqualTo("Import authorized accounts");
		paste(appIds.get(0) + "," + tenant.name() + "\n" + appIds.get(1) + "," + tenant.id());
		browser.findElement(By.id("import-dry-run")).click();
		assertThat(waitFor(By.id("import-result")).getText()).contains("Dry run (nothing changed)", "To import");
		browser.findElement(By.id("import-run")).click();
		assertThat(confirmation(true)).startsWith("Import?");
		WebElement result = waitFor(By.id("import-accounts"));
		assertThat(result.getText()).contains("Imported", "浏览器迁入 " + suffix + " 1");
		assertThat(this.accounts.findByTenant(tenant.id())).hasSize(2);
		screenshotWholePage("import-run-en");

		open("/authorizer-import?lang=zh-CN");
		assertThat(waitFor(By.id("import-runs")).getText()).contains("console:" + OPERATOR);
		screenshotWholePage("import-page-zh");
		waitFor(By.id("logout")).click();
		waitFor(By.id("login-logout"));

		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("current-user"));
		open("/authorizer-import");
		assertThat(waitFor(By.id("error-status")).getText()).isEqualTo("403");
		assertThat(present(By.id("import-form"))).isFalse();
	}

	private static void paste(String csv) {
		WebElement area = waitFor(By.id("import-csv"));
		area.clear();
		area.sendKeys(csv);
		browser.findElement(By.id("import-mode-csv")).click();
	}

	private List<String> authorizedElsewhere(String nickname, int count) {
		JsonMapper json = JsonMapper.builder().build();
		List<String> appIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String appId = json.readTree(sandbox("POST", "/sandbox/accounts",
					json.createObjectNode().put("nickname", nickname + " " + i).toString()))
				.path("appid")
				.asString();
			sandbox("POST", "/sandbox/accounts/" + appId + "/authorize", "{}");
			appIds.add(appId);
		}
		return appIds;
	}

}

package io.atrium.console.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's figures for today, platform-wide: content API calls per API, the busiest accounts, and upstream
 * errors by errcode with what they mean; and the last 全网发布 test. The browser tests share one demo application,
 * so the figures are compared before and after this test's own calls.
 */
class DashboardBrowserTests extends ConsoleBrowserTests {

	/** 山野文化's account (wechat-sandbox/README.md, "Demo accounts"). */
	static final String ACCOUNT = "wx8b2d4f6a1c3e5079";

	static final String MATERIALS = "/cgi-bin/material/batchget_material";

	@Test
	void showsTodaysCallsAndUpstreamErrorsWithTheirMeaning() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-dashboard")).click();
		long callsBefore = number(By.id("content-calls-today"));
		long materialCallsBefore = calls(MATERIALS);
		long errorsBefore = number(By.id("upstream-errors-total"));
		// WeChat is busy once for this account's material list: the retry's second attempt succeeds.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"" + MATERIALS + "\",\"errcode\":-1,\"times\":1,\"appid\":\"" + ACCOUNT + "\"}");
		try {
			open("/accounts/" + ACCOUNT + "/materials");
			waitFor(By.id("material-types"));
			open("/dashboard");

			assertThat(number(By.id("content-calls-today"))).isGreaterThanOrEqualTo(callsBefore + 3);
			assertThat(calls(MATERIALS)).as("the failed attempt and its retry").isEqualTo(materialCallsBefore + 2);
			assertThat(number(By.id("upstream-errors-total"))).isEqualTo(errorsBefore + 1);
			WebElement busy = browser.findElements(By.cssSelector("#upstream-errors-by-errcode tbody tr"))
				.stream()
				.filter((row) -> row.getText().startsWith("-1 "))
				.findFirst()
				.orElseThrow();
			assertThat(busy.getText()).contains("微信系统繁忙");
			assertThat(browser.findElement(By.id("content-busiest")).getText()).contains("山野");
			assertThat(browser.findElement(By.id("upstream-errors-accounts")).getText()).contains("山野");
			assertThat(browser.findElement(By.id("upstream-errors-accounts"))
				.findElement(By.partialLinkText("山野"))
				.getDomAttribute("href")).isEqualTo("/operations/" + ACCOUNT);
			screenshot("dashboard-today-zh");
		}
		finally {
			sandbox("DELETE", "/sandbox/faults", null);
		}
	}

	@Test
	void showsWeChatsReleaseTestStepByStep() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		String report = sandbox("POST", "/sandbox/release-test", "{\"group\":1}");
		assertThat(report).contains("\"passed\":true");
		// The last customer-service message is recorded a moment after the sandbox received it.
		new WebDriverWait(browser, Duration.ofSeconds(15)).until((driver) -> {
			open("/dashboard");
			return waitFor(By.id("release-step-query_auth_code")).getText().contains("已发送客服消息");
		});

		assertThat(browser.findElement(By.id("release-test-switch")).getText()).contains("已开启");
		assertThat(browser.findElement(By.id("release-test-last")).getText())
			.containsPattern("wx570bc396a51b8ff8|wxd101a85aa106f53e");
		assertThat(browser.findElement(By.id("release-step-text")).getText()).contains("已被动回复");
		assertThat(browser.findElement(By.id("release-step-event")).getText()).contains("已被动回复");
		assertThat(browser.findElement(By.id("message-url")).getText()).endsWith("/wechat/accounts/$APPID$/messages");
		screenshotWholePage("dashboard-release-test-zh");
	}

	/** The dashboard's calls of one API today, from its table. */
	private static long calls(String api) {
		List<WebElement> rows = browser.findElements(By.cssSelector("#content-calls-by-api tbody tr"));
		return rows.stream()
			.filter((row) -> row.findElement(By.tagName("code")).getText().equals(api))
			.mapToLong((row) -> Long.parseLong(row.findElements(By.tagName("td")).get(1).getText()))
			.findFirst()
			.orElseThrow();
	}

	private static long number(By by) {
		return Long.parseLong(waitFor(by).getText().strip());
	}

}

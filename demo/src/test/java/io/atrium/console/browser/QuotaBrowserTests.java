package io.atrium.console.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's quotas in the console, against the demo's sandbox: WeChat's counts beside Atrium's, a reset behind
 * its confirmation spending one of the month's ten, and the merchant's read-only view.
 */
class QuotaBrowserTests extends ConsoleBrowserTests {

	/** 星河咖啡, which grants the content sets. */
	static final String ACCOUNT = "wx5a7c1e9b3d2f4068";

	@Test
	void anOperatorSeesWeChatsCountsAndResetsThemOnceConfirmed() throws Exception {
		// One count from WeChat (the console's materials page may answer from the content index).
		HttpResponse<String> live = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/api/v1/accounts/" + ACCOUNT + "/materials/count?source=live")))
				.header("Authorization", "Bearer atr_demo_platform_key_public_do_not_use_anywhere")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(live.statusCode()).isEqualTo(200);
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT);
		waitFor(By.id("quota-link")).click();
		WebElement count = waitFor(By.cssSelector("#quotas tr[data-api='/cgi-bin/material/get_materialcount']"));
		long used = Long.parseLong(count.findElement(By.className("quota-used")).getText());
		long sent = Long.parseLong(count.findElement(By.className("quota-atrium")).getText());
		assertThat(used).as("used at WeChat; Atrium sent %d", sent).isPositive();
		assertThat(sent).isPositive();
		String before = waitFor(By.id("quota-clears")).getText();
		assertThat(before).matches("本月已用 \\d+ / 10 次");
		int spent = Integer.parseInt(before.replaceAll("\\D+(\\d+) / 10\\D*", "$1"));
		screenshot("quota-zh");

		// The confirmation is required: the browser does not send the form without it.
		waitFor(By.id("quota-clear")).click();
		assertThat(browser.findElements(By.id("action-result"))).isEmpty();
		waitFor(By.id("quota-clear-confirm")).click();
		waitFor(By.id("quota-clear")).click();
		assertThat(waitFor(By.id("action-result")).getText()).contains("已清零");
		assertThat(waitFor(By.id("quota-clears")).getText()).isEqualTo("本月已用 " + (spent + 1) + " / 10 次");
		assertThat(waitFor(By.cssSelector("#quotas tr[data-api='/cgi-bin/material/get_materialcount'] .quota-used"))
			.getText()).isEqualTo("0");
	}

	@Test
	void aMerchantSeesTheirAccountsQuotasWithoutTheReset() {
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT + "/quota");
		waitFor(By.id("quotas"));
		assertThat(present(By.id("quota-clear-form"))).isFalse();
		open("/accounts/wx8b2d4f6a1c3e5079/quota");
		assertThat(waitFor(By.id("error-status")).getText()).isEqualTo("404");
	}

}

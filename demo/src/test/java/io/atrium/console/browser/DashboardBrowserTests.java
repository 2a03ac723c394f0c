package io.atrium.console.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's figures for today, platform-wide: content API calls per API, the busiest accounts, and upstream
 * errors by errcode with what they mean; the last 全网发布 test; the 7- and 30-day charts (calls by API, errors by
 * errcode, token refresh outcomes, quota use) and the counters that open the filtered lists. The browser tests
 * share one demo application, so the figures are compared before and after this test's own calls.
 */
class DashboardBrowserTests extends ConsoleBrowserTests {

	/** 山野文化's account (wechat-sandbox/README.md, "Demo accounts"). */
	static final String ACCOUNT = "wx8b2d4f6a1c3e5079";

	static final String MATERIALS = "/cgi-bin/material/batchget_material";

	/** Called by nothing but this test: its counts move only by what the test does. */
	static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";

	static final String PLATFORM_KEY = "atr_demo_platform_key_public_do_not_use_anywhere";

	static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void chartsTheLastSevenAndThirtyDaysWithTodaysCallsErrorsRefreshesAndQuotaUse() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		open("/dashboard");
		long callsBefore = today(chart("calls"), "quota-get");
		long peakBefore = today(chart("quota"), "quota-get", "counts");
		long busyBefore = today(chart("errors"), "-1");
		long refreshedBefore = today(chart("refreshes"), "authorizer:ok");
		// WeChat is busy once: the gateway's retry makes a second attempt, and both are WeChat calls.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"" + QUOTA_GET + "\",\"errcode\":-1,\"times\":1,\"appid\":\""
				+ ACCOUNT + "\"}");
		try {
			assertThat(gateway(QUOTA_GET, "{\"cgi_path\":\"/cgi-bin/material/get_materialcount\"}")).isEqualTo(200);
		}
		finally {
			sandbox("DELETE", "/sandbox/faults", null);
		}
		open("/accounts/" + ACCOUNT);
		waitFor(By.id("refresh-token")).click();
		waitFor(By.id("action-result"));

		// Calls reach Redis by a flush every second; a page read while one runs shows the figures before it.
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			open("/dashboard");
			assertThat(today(chart("calls"), "quota-get")).isEqualTo(callsBefore + 2);
			assertThat(today(chart("errors"), "-1")).isEqualTo(busyBefore + 1);
		});
		JsonNode calls = chart("calls");
		assertThat(calls.get("days")).hasSize(7);
		assertThat(calls.get("days").get(6).asString()).isEqualTo(todayOnThePage());
		assertThat(today(calls, "quota-get")).isEqualTo(callsBefore + 2);
		assertThat(series(calls, "quota-get").get("label").asString()).isEqualTo("quota-get");
		assertThat(today(chart("errors"), "-1")).isEqualTo(busyBefore + 1);
		assertThat(today(chart("refreshes"), "authorizer:ok")).as("the refresh, and any the schedule made")
			.isGreaterThan(refreshedBefore);
		assertThat(series(chart("refreshes"), "authorizer:ok").get("label").asString()).isEqualTo("公众号 成功");
		JsonNode quota = chart("quota");
		assertThat(today(quota, "quota-get", "counts")).as("the only account calling it").isEqualTo(peakBefore + 2);
		assertThat(quota.get("threshold").asLong()).isEqualTo(80);
		assertThat(quota.get("unit").asString()).isEqualTo("%");
		assertDrawn("calls", "errors", "refreshes", "quota");
		assertThat(browser.findElement(By.id("usage-days-7")).getDomAttribute("class")).contains("active");
		assertThat(browser.findElement(By.id("usage-charts-title")).getText()).isEqualTo("最近 7 天");
		screenshotWholePage("dashboard-charts-zh");

		browser.findElement(By.id("usage-days-30")).click();
		waitFor(By.cssSelector("#usage-days-30.active"));
		assertThat(browser.getCurrentUrl()).endsWith("/dashboard?days=30");
		assertThat(browser.findElement(By.id("usage-charts-title")).getText()).isEqualTo("最近 30 天");
		JsonNode month = chart("calls");
		assertThat(month.get("days")).hasSize(30);
		assertThat(month.get("days").get(29).asString()).isEqualTo(calls.get("days").get(6).asString());
		assertThat(today(month, "quota-get")).isEqualTo(callsBefore + 2);
		assertDrawn("calls", "errors", "refreshes", "quota");
		screenshotWholePage("dashboard-charts-30-zh");

		open("/dashboard?lang=en");
		try {
			assertThat(waitFor(By.id("usage-charts-title")).getText()).isEqualTo("Last 7 days");
			assertThat(browser.findElement(By.id("usage-days-30")).getText()).isEqualTo("30 days");
			assertThat(series(chart("refreshes"), "authorizer:ok").get("label").asString()).isEqualTo("Account succeeded");
			assertThat(browser.findElement(By.id("attention-errors")).getText()).contains("Accounts with upstream errors today");
			assertDrawn("calls", "errors", "refreshes", "quota");
			screenshotWholePage("dashboard-charts-en");
		}
		finally {
			open("/dashboard?lang=zh-CN");
		}
	}

	@Test
	void countersOpenTheFilteredLists() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		// An upstream error today for this account, so that the errors list has it.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"" + QUOTA_GET + "\",\"errcode\":40013,\"times\":1,\"appid\":\""
				+ ACCOUNT + "\"}");
		try {
			gateway(QUOTA_GET, "{\"cgi_path\":\"/cgi-bin/material/get_materialcount\"}");
		}
		finally {
			sandbox("DELETE", "/sandbox/faults", null);
		}
		open("/dashboard");
		long authorized = number(By.id("accounts-AUTHORIZED"));
		long withErrors = number(By.id("attention-errors-count"));
		long nearQuota = number(By.id("attention-near-quota-count"));
		assertThat(withErrors).isPositive();

		browser.findElement(By.id("accounts-AUTHORIZED-link")).click();
		assertThat(waitFor(By.id("status-AUTHORIZED")).getDomAttribute("class")).contains("active");
		assertThat(browser.getCurrentUrl()).contains("/accounts?status=AUTHORIZED");
		assertThat(browser.findElement(By.id("status-AUTHORIZED")).getText()).endsWith(Long.toString(authorized));

		open("/dashboard");
		waitFor(By.id("attention-errors")).click();
		assertThat(waitFor(By.id("show-errors")).getDomAttribute("class")).contains("active");
		assertThat(browser.findElement(By.id("show-errors")).getText()).endsWith(Long.toString(withErrors));
		assertThat(present(By.id("row-" + ACCOUNT))).isTrue();

		open("/dashboard");
		waitFor(By.id("attention-near-quota")).click();
		assertThat(waitFor(By.id("show-near_quota")).getDomAttribute("class")).contains("active");
		assertThat(browser.findElement(By.id("show-near_quota")).getText()).endsWith(Long.toString(nearQuota));

		open("/dashboard");
		waitFor(By.id("attention-breaker")).click();
		assertThat(waitFor(By.id("show-breaker")).getDomAttribute("class")).contains("active");
	}

	@Test
	void chartsFitAPhoneInBothLanguages() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		// Something to draw whatever ran before.
		gateway(QUOTA_GET, "{\"cgi_path\":\"/cgi-bin/material/get_materialcount\"}");
		browser.manage().window().setSize(new Dimension(390, 844));
		for (String language : List.of("zh-CN", "en")) {
			open("/dashboard?lang=" + language);
			waitFor(By.id("usage-charts"));
			assertDrawn("calls", "quota");
			assertThat(scrollsHorizontally()).as("no sideways scrolling at 390 px").isFalse();
			int viewport = ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth")).intValue();
			for (WebElement canvas : browser.findElements(By.cssSelector(".usage-chart canvas"))) {
				assertThat(canvas.getRect().getX() + canvas.getRect().getWidth()).isLessThanOrEqualTo(viewport);
			}
			screenshotWholePage("dashboard-charts-phone-" + (language.equals("en") ? "en" : "zh"));
		}
		open("/dashboard?lang=zh-CN");
	}

	@Test
	void showsTodaysCallsAndUpstreamErrorsWithTheirMeaning() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-dashboard")).click();
		long callsBefore = number(By.id("content-calls-today"));
		long materialCallsBefore = calls(MATERIALS);
		long errorsBefore = number(By.id("upstream-errors-total"));
		long busyBefore = errorsWithErrcode(-1);
		// WeChat is busy once for this account's material list: the gateway's retry succeeds.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"" + MATERIALS + "\",\"errcode\":-1,\"times\":1,\"appid\":\"" + ACCOUNT + "\"}");
		try {
			// Through the gateway, which always asks WeChat: the console's materials page reads the content index once
			// the account is synced, and in the whole suite its schedule has synced it before this test.
			assertThat(gateway(MATERIALS, "{\"type\":\"image\",\"offset\":0,\"count\":20}")).isEqualTo(200);
			// Calls are counted in memory and added to Redis every second; a page read while a flush runs shows the
			// figures before it (UpstreamUsage), so a busy machine may need another look. The content index's
			// schedule may list this account's materials meanwhile (a clean-clone run counted 10 where 2 were
			// asked), so calls are at least the two attempts, and errors at least the busy one (the same sync may
			// meet errors of its own: a 48001 was seen); WeChat was busy exactly once, whoever met it.
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				open("/dashboard");
				assertThat(number(By.id("content-calls-today"))).isGreaterThanOrEqualTo(callsBefore + 2);
				assertThat(calls(MATERIALS)).as("the failed attempt and its retry")
					.isGreaterThanOrEqualTo(materialCallsBefore + 2);
				assertThat(number(By.id("upstream-errors-total"))).isGreaterThanOrEqualTo(errorsBefore + 1);
				assertThat(errorsWithErrcode(-1)).isEqualTo(busyBefore + 1);
			});
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

	/** Today's errors with this errcode, from the dashboard's table (0 when it has no row for it). */
	private static long errorsWithErrcode(int errcode) {
		return browser.findElements(By.cssSelector("#upstream-errors-by-errcode tbody tr"))
			.stream()
			.map((row) -> row.findElements(By.tagName("td")))
			.filter((cells) -> cells.size() == 3 && cells.get(0).getText().equals(Integer.toString(errcode)))
			.mapToLong((cells) -> Long.parseLong(cells.get(2).getText().replace(",", "").strip()))
			.findFirst()
			.orElse(0);
	}

	/** A chart's data, as the page hands it to the chart script. */
	private static JsonNode chart(String name) {
		return json.readTree(waitFor(By.id("chart-" + name)).getDomAttribute("data-chart"));
	}

	private static JsonNode series(JsonNode chart, String key) {
		for (JsonNode series : chart.get("series")) {
			if (series.get("key").asString().equals(key)) {
				return series;
			}
		}
		return null;
	}

	/** A series' value for today (the last day), 0 when the chart has no such series. */
	private static long today(JsonNode chart, String key) {
		return today(chart, key, "values");
	}

	private static long today(JsonNode chart, String key, String field) {
		JsonNode series = series(chart, key);
		return (series != null) ? series.get(field).get(series.get(field).size() - 1).asLong() : 0;
	}

	/** The WeChat day the page's figures for today are of (the today card's title names it). */
	private static String todayOnThePage() {
		String title = browser.findElement(By.cssSelector("#content-today h2")).getText();
		return title.replaceAll(".*(\\d{4}-\\d{2}-\\d{2}).*", "$1");
	}

	/** uPlot drew each chart: the script marked it, and it holds a canvas as wide as the chart's box. */
	private static void assertDrawn(String... names) {
		for (String name : names) {
			WebElement chart = browser.findElement(By.id("chart-" + name));
			new WebDriverWait(browser, Duration.ofSeconds(10))
				.until((driver) -> "true".equals(chart.getDomAttribute("data-rendered")));
			WebElement canvas = chart.findElement(By.tagName("canvas"));
			assertThat(canvas.getRect().getWidth()).as(name).isPositive()
				.isLessThanOrEqualTo(chart.getRect().getWidth());
			assertThat(canvas.getRect().getHeight()).as(name).isPositive();
			assertThat(chart.findElements(By.cssSelector(".u-legend .u-series"))).as(name).hasSizeGreaterThan(1);
		}
	}

	/** A call through the gateway with the demo's platform key: WeChat's HTTP status as Atrium answers it. */
	private static int gateway(String path, String body) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url("/api/v1/accounts/" + ACCOUNT + "/wechat" + path)))
					.header("Authorization", "Bearer " + PLATFORM_KEY)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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

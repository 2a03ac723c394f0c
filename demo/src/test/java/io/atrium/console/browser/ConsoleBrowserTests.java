package io.atrium.console.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.atrium.testsupport.Ports;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.token.WeChatComponentProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of the console's browser tests: the demo profile (embedded PostgreSQL and Redis, the in-process WeChat
 * sandbox, the seeded tenants, accounts and users) on a port fixed before start-up, because onboarding's return
 * URL is built from it; one Spring context for every subclass and one headless Chromium per test class.
 * Debian's chromium and chromedriver are named explicitly, so Selenium Manager never goes to the network.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "atrium.demo.sandbox-port=0")
@ActiveProfiles("demo")
abstract class ConsoleBrowserTests {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	/** The demo's users (application-demo.yml; README, "The demo"). */
	static final String OPERATOR = "admin";

	static final String OPERATOR_PASSWORD = "atrium-demo-admin";

	static final String MERCHANT = "xinghe";

	static final String MERCHANT_PASSWORD = "atrium-demo-xinghe";

	static final int PORT = Ports.free();

	static WebDriver browser;

	@Autowired
	WeChatComponentProperties wechat;

	static Path profile;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		// The embedded demo PostgreSQL, with the small pool of every application test.
		PostgresSchema.smallPool().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	static void startChromium() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
		profile = Files.createTempDirectory("atrium-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run",
				"--window-size=1280,900", "--user-data-dir=" + profile,
				// A merchant in China: pages that follow the browser's language (not the console's cookie) are in Chinese.
				"--accept-lang=zh-CN,zh");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopChromium() throws IOException {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

	@BeforeEach
	void startLoggedOut() {
		browser.manage().window().setSize(new Dimension(1280, 900));
		open("/login");
		browser.manage().deleteAllCookies();
	}

	static String url(String path) {
		return "http://localhost:" + PORT + path;
	}

	static void open(String path) {
		browser.get(url(path));
	}

	/**
	 * Submits the login form and waits for the page it leads to (the next page, or the form again with its error):
	 * a test that opened another page at once could overtake the post, and land on the login page without a session.
	 */
	static void logIn(String username, String password) {
		open("/login");
		WebElement name = browser.findElement(By.id("username"));
		name.clear();
		name.sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		WebElement submit = browser.findElement(By.id("login-submit"));
		submit.click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(submit));
	}

	static WebElement waitFor(By by) {
		return new WebDriverWait(browser, Duration.ofSeconds(15))
			.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	/** Answers the page's confirmation dialog; returns its question. */
	static String confirmation(boolean accept) {
		Alert alert = new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.alertIsPresent());
		String question = alert.getText();
		if (accept) {
			alert.accept();
		}
		else {
			alert.dismiss();
		}
		return question;
	}

	static boolean present(By by) {
		return !browser.findElements(by).isEmpty();
	}

	/** Whether the page is wider than the viewport, i.e. the user would have to scroll sideways. */
	static boolean scrollsHorizontally() {
		Object result = ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		return Boolean.TRUE.equals(result);
	}

	/** The demo sandbox's control API (wechat-sandbox/README.md): the answer's body, after checking it is a 2xx. */
	String sandbox(String method, String path, String json) {
		HttpRequest.BodyPublisher body = (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.wechat.apiBaseUrl() + path))
					.header("Content-Type", "application/json")
					.method(method, body)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("sandbox %s %s", method, path).isBetween(200, 299);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A screenshot of the whole page (up to 4000 pixels high), for pages longer than the window. */
	static void screenshotWholePage(String name) {
		Dimension window = browser.manage().window().getSize();
		Object height = ((JavascriptExecutor) browser).executeScript(
				"return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
		browser.manage().window().setSize(new Dimension(window.getWidth(), Math.min(((Number) height).intValue(), 4000)));
		try {
			screenshot(name);
		}
		finally {
			browser.manage().window().setSize(window);
		}
	}

}

package io.atrium.console.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An account's content in the console, against the demo's sandbox: posts with thumbnails through the image proxy,
 * the article whose HTML carries a script (it must not run) and whose inline styles apply, inside its own box
 * only, the materials' image grid and the operations page that counts those calls, all in English too; a merchant
 * cannot reach another tenant's content.
 */
class ContentBrowserTests extends ConsoleBrowserTests {

	/** The xinghe tenant's account whose second post carries script (the sandbox's AccountContent). */
	static final String ACCOUNT = "wx5a7c1e9b3d2f4068";

	/** The other demo tenant's account. */
	static final String OTHER_TENANTS = "wx8b2d4f6a1c3e5079";

	@Test
	void operatorBrowsesPostsTheScriptBearingArticleMaterialsAndOperations() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT);
		waitFor(By.id("open-posts")).click();

		List<WebElement> titles = waitFor(By.id("posts")).findElements(By.className("post-title"));
		assertThat(titles).hasSizeBetween(2, 10);
		assertThat(titles).allSatisfy((title) -> assertThat(title.getText()).isNotBlank());
		List<WebElement> thumbnails = browser.findElements(By.cssSelector("#posts img.content-thumb"));
		assertThat(thumbnails).isNotEmpty()
			.allSatisfy((thumb) -> assertThat(thumb.getDomAttribute("src")).startsWith("/img?u="));
		assertThat(loaded(thumbnails.get(0))).as("thumbnail loaded through the image proxy").isTrue();
		assertThat(browser.findElement(By.id("page-position")).getText()).startsWith("第 1 / ");
		screenshot("posts-zh");

		String first = titles.get(0).getText();
		browser.get(browser.findElement(By.id("page-next")).getDomProperty("href"));
		assertThat(waitFor(By.id("page-position")).getText()).startsWith("第 2 / ");
		assertThat(browser.findElements(By.className("post-title")).get(0).getText()).isNotEqualTo(first);
		browser.get(browser.findElement(By.id("page-previous")).getDomProperty("href"));
		assertThat(waitFor(By.id("page-position")).getText()).startsWith("第 1 / ");

		browser.manage().window().setSize(new Dimension(390, 844));
		browser.navigate().refresh();
		waitFor(By.id("posts"));
		screenshot("posts-phone-zh");
		assertThat(scrollsHorizontally()).isFalse();
		browser.manage().window().setSize(new Dimension(1280, 900));

		browser.findElements(By.className("post-title")).get(1).click();
		WebElement body = waitFor(By.className("article-body"));
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.switchTo().alert());
		assertThat(browser.getPageSource()).doesNotContain("alert(").doesNotContain("onerror");
		assertThat(count(".article-body script, .article-body [onerror]")).isZero();
		List<WebElement> images = body.findElements(By.tagName("img"));
		assertThat(images).isNotEmpty()
			.allSatisfy((image) -> assertThat(image.getDomAttribute("src")).startsWith("/img?u="));
		// The article's own inline styles apply (the sandbox's body: <section style="margin: 0 8px; ...">, a
		// centred image paragraph, a closing paragraph in grey at 14px), unstyled paragraphs keep the console's.
		WebElement section = body.findElement(By.cssSelector("section"));
		assertThat(section.getCssValue("margin-left")).isEqualTo("8px");
		WebElement closing = body.findElement(By.cssSelector("section > p:last-child"));
		assertThat(closing.getCssValue("color")).isEqualTo("rgba(136, 136, 136, 1)");
		assertThat(closing.getCssValue("font-size")).isEqualTo("14px");
		assertThat(body.findElement(By.cssSelector("p[style*='text-align']")).getCssValue("text-align"))
			.isEqualTo("center");
		WebElement plain = body.findElement(By.cssSelector("section > p:first-child"));
		assertThat(plain.getCssValue("color")).isEqualTo("rgba(33, 37, 41, 1)");
		assertThat(plain.getCssValue("font-size")).isEqualTo("16px");
		screenshotWholePage("article-zh");

		browser.findElement(By.id("tab-materials")).click();
		WebElement grid = waitFor(By.id("image-grid"));
		List<WebElement> materials = grid.findElements(By.className("material-image"));
		assertThat(materials).isNotEmpty()
			.allSatisfy((image) -> assertThat(image.getDomAttribute("src")).startsWith("/img?u="));
		assertThat(browser.findElement(By.id("type-image")).getText()).containsPattern("图片\\s*\\d+");
		assertThat(loaded(materials.get(0))).as("material image loaded through the image proxy").isTrue();
		screenshot("materials-zh");

		open("/operations");
		waitFor(By.id("row-" + ACCOUNT)).findElement(By.tagName("a")).click();
		WebElement operations = waitFor(By.id("operations-" + ACCOUNT));
		assertThat(operations.getText()).contains("/cgi-bin/freepublish/batchget")
			.contains("/cgi-bin/freepublish/getarticle")
			.contains("/cgi-bin/material/batchget_material");
		assertThat(operations.getText()).containsPattern("共调用 [1-9]\\d* 次");
		screenshot("operations-zh");
	}

	@Test
	void operatorReadsTheContentPagesInEnglish() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT + "/posts?lang=en");
		assertThat(waitFor(By.id("tab-posts")).getText()).isEqualTo("Published posts");
		assertThat(browser.findElement(By.id("page-position")).getText()).startsWith("Page 1 of ");
		screenshot("posts-en");
		// The atrium-lang cookie keeps English from here on, without the parameter.
		browser.findElements(By.className("post-title")).get(1).click();
		assertThat(waitFor(By.id("back-to-posts")).getText()).isEqualTo("← Back to the posts");
		assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		screenshotWholePage("article-en");
		browser.findElement(By.id("tab-materials")).click();
		assertThat(waitFor(By.id("type-image")).getText()).containsPattern("Images\\s*\\d+");
		screenshot("materials-en");
		open("/operations");
		assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("Operations");
		assertThat(browser.findElement(By.id("show-errors")).getText()).startsWith("Errors today");
		open("/operations/" + ACCOUNT);
		assertThat(waitFor(By.id("operations-" + ACCOUNT)).getText()).containsPattern("[1-9]\\d* calls today");
		screenshot("operations-en");
		open("/operations");
		// Back to Chinese for whatever runs next in this browser (startLoggedOut deletes the cookie as well).
		browser.findElement(By.id("language-switch")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.tagName("h1"), "运维"));
	}

	@Test
	void operationsListEveryAccountFilteredToThoseWithErrorsTodayAndOnAPhone() throws Exception {
		// One refusal from WeChat for the account: an upstream error of today.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"/cgi-bin/material/get_materialcount\",\"appid\":\""
				+ ACCOUNT + "\",\"errcode\":48001,\"times\":1}");
		HttpResponse<String> refused = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/api/v1/accounts/" + ACCOUNT + "/materials/count?source=live")))
				.header("Authorization", "Bearer atr_demo_platform_key_public_do_not_use_anywhere")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/operations");
		assertThat(waitFor(By.id("operations-accounts")).findElements(By.className("operations-row"))).hasSize(3);

		browser.findElement(By.id("show-errors")).click();
		List<WebElement> rows = waitFor(By.id("operations-accounts")).findElements(By.className("operations-row"));
		assertThat(rows).extracting((row) -> row.getDomAttribute("id")).contains("row-" + ACCOUNT);
		assertThat(rows).allSatisfy((row) -> assertThat(Integer.parseInt(row.findElements(By.tagName("td")).get(3).getText()))
			.isPositive());
		assertThat(browser.findElement(By.id("show-errors")).getText()).contains("今日有错误");
		screenshot("operations-errors-zh");
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.navigate().refresh();
		waitFor(By.id("operations-accounts"));
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("operations-phone-zh");
		browser.manage().window().setSize(new Dimension(1280, 900));

		browser.findElement(By.id("row-" + ACCOUNT)).findElement(By.tagName("a")).click();
		WebElement errors = waitFor(By.cssSelector("#operations-" + ACCOUNT + " .upstream-errors"));
		assertThat(errors.getText()).contains("48001").contains("/cgi-bin/material/get_materialcount");
	}

	@Test
	void operatorSyncsTheIndexAndSearchesPostsByAChineseSubstringInBothLanguagesAndOnAPhone() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT + "/posts");
		waitFor(By.id("sync-now")).click();
		assertThat(waitFor(By.id("content-done")).getText()).contains("已安排同步");
		new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500)).until((driver) -> {
			driver.navigate().refresh();
			return present(By.id("sync-synced"));
		});
		assertThat(browser.findElement(By.id("sync-synced")).getText()).startsWith("内容索引同步于").endsWith("共 24 篇");
		List<WebElement> titles = waitFor(By.id("posts")).findElements(By.className("post-title"));
		String title = titles.get(2).getText();
		// Two characters from inside a Chinese title: no word boundary, no prefix, still found.
		String part = title.substring(1, 3);

		WebElement q = browser.findElement(By.id("search-q"));
		q.sendKeys(part);
		browser.findElement(By.id("search-submit")).click();

		List<String> found = waitFor(By.id("posts")).findElements(By.className("post-title"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(found).contains(title);
		assertThat(browser.findElement(By.id("posts-total")).getText()).isNotEqualTo("共 24 篇");
		assertThat(browser.findElement(By.id("search-q")).getDomProperty("value")).isEqualTo(part);
		screenshot("posts-search-zh");
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.navigate().refresh();
		waitFor(By.id("search-submit"));
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("posts-search-phone-zh");
		browser.manage().window().setSize(new Dimension(1280, 900));

		browser.findElement(By.id("search-q")).clear();
		browser.findElement(By.id("search-q")).sendKeys("不会出现的标题");
		browser.findElement(By.id("search-submit")).click();
		assertThat(waitFor(By.id("posts-none")).getText()).isEqualTo("没有符合条件的文章。");
		open("/accounts/" + ACCOUNT + "/posts?from=2026-13-01");
		assertThat(waitFor(By.id("search-invalid")).getText()).startsWith("搜索条件无效");

		open("/accounts/" + ACCOUNT + "/posts?lang=en&q=" + URLEncoder.encode(part, StandardCharsets.UTF_8));
		assertThat(waitFor(By.id("sync-synced")).getText()).startsWith("Content index synced").endsWith("24 posts");
		assertThat(browser.findElement(By.id("sync-now")).getText()).isEqualTo("Sync now");
		assertThat(browser.findElements(By.className("post-title")).stream().map(WebElement::getText)).contains(title);
		screenshot("posts-search-en");
		browser.findElement(By.id("language-switch")).click();
		waitFor(By.id("sync-now"));
	}

	@Test
	void onlyTheArticlePageAppliesStyleAttributesAndOnlyInsideTheArticle() throws Exception {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		String article = articlePath();

		// Over HTTP: the article page's policy adds style attributes and nothing else; every other page is strict.
		String session = browser.manage().getCookieNamed("ATRIUM_SESSION").getValue();
		String relaxed = contentSecurityPolicy(article, session);
		assertThat(relaxed).contains("style-src-attr 'unsafe-inline'", "script-src 'self'", "style-src 'self'",
				"default-src 'self'", "frame-ancestors 'none'");
		assertThat(relaxed.replace("style-src-attr 'unsafe-inline'", "")).doesNotContain("unsafe", "style-src-elem");
		for (String path : List.of("/accounts/" + ACCOUNT + "/posts", "/accounts/" + ACCOUNT + "/materials",
				"/accounts/" + ACCOUNT, "/dashboard", "/operations")) {
			assertThat(contentSecurityPolicy(path, session)).as(path)
				.contains("style-src 'self'", "script-src 'self'")
				.doesNotContain("unsafe-inline", "style-src-attr");
		}

		open(article);
		WebElement body = waitFor(By.className("article-body"));
		JavascriptExecutor page = (JavascriptExecutor) browser;
		// Style elements and inline scripts are still refused there, even when a script adds them.
		page.executeScript("""
				const style = document.createElement('style');
				style.textContent = 'body { background-color: rgb(1, 2, 3) !important; }';
				document.head.append(style);
				const script = document.createElement('script');
				script.textContent = 'window.inlineScriptRan = true;';
				document.body.append(script);""");
		assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
			.isNotEqualTo("rgba(1, 2, 3, 1)");
		assertThat(page.executeScript("return window.inlineScriptRan === true")).isEqualTo(false);

		// What sanitized styles may still paint beyond their element stays inside the article's box.
		WebElement paint = (WebElement) page.executeScript("""
				const paint = document.createElement('p');
				paint.setAttribute('style', 'box-shadow: 0 0 0 4000px rgb(255, 0, 0); outline: 4000px solid rgb(255, 0, 0); '
						+ 'text-shadow: 0 -600px rgb(255, 0, 0); text-indent: -3000px');
				paint.textContent = 'escape';
				arguments[0].prepend(paint);
				window.scrollTo(0, 0);
				return paint;""", body);
		BufferedImage shot = ImageIO
			.read(new ByteArrayInputStream(((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES)));
		Rectangle painter = paint.getRect();
		assertThat(red(shot, painter.getX() + painter.getWidth() / 2, painter.getY() + painter.getHeight() + 10))
			.as("the article around the painting paragraph").isTrue();
		for (By outside : List.of(By.className("navbar-brand"), By.id("back-to-account"), By.id("tab-posts"),
				By.id("back-to-posts"), By.className("article-title"))) {
			Rectangle box = browser.findElement(outside).getRect();
			assertThat(red(shot, box.getX() + box.getWidth() / 2, box.getY() + box.getHeight() / 2)).as(outside.toString())
				.isFalse();
		}
		screenshot("article-contained");
	}

	@Test
	void merchantCannotOpenAnotherTenantsContent() {
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("nav-accounts"));
		for (String path : List.of("/posts", "/posts/any", "/materials", "/materials?type=voice")) {
			open("/accounts/" + OTHER_TENANTS + path);
			assertThat(waitFor(By.id("not-found")).getText()).contains("页面不存在");
			assertThat(present(By.id("posts"))).isFalse();
			assertThat(present(By.id("image-grid"))).isFalse();
		}
		open("/accounts/" + ACCOUNT + "/posts");
		assertThat(waitFor(By.id("posts")).findElements(By.className("post-title"))).isNotEmpty();
	}

	/** The path of the script-bearing article, as the posts page links it. */
	private static String articlePath() {
		open("/accounts/" + ACCOUNT + "/posts");
		String href = waitFor(By.id("posts")).findElements(By.className("post-title")).get(1).getDomAttribute("href");
		assertThat(href).startsWith("/accounts/" + ACCOUNT + "/posts/");
		return href;
	}

	private static String contentSecurityPolicy(String path, String session) throws Exception {
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", "ATRIUM_SESSION=" + session).build(),
					HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.headers().firstValue("Content-Security-Policy").orElseThrow();
	}

	/** Whether the screenshot of the top of the page is plain red at this point (CSS pixels). */
	private static boolean red(BufferedImage shot, int x, int y) {
		double ratio = ((Number) ((JavascriptExecutor) browser).executeScript("return window.devicePixelRatio"))
			.doubleValue();
		return (shot.getRGB((int) (x * ratio), (int) (y * ratio)) & 0xFFFFFF) == 0xFF0000;
	}

	private static boolean loaded(WebElement image) {
		Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
				const image = arguments[0], done = arguments[arguments.length - 1];
				if (image.complete) { done(image.naturalWidth > 0); return; }
				image.addEventListener('load', () => done(true));
				image.addEventListener('error', () => done(false));""", image);
		return Boolean.TRUE.equals(result);
	}

	private static long count(String selector) {
		Object result = ((JavascriptExecutor) browser)
			.executeScript("return document.querySelectorAll(arguments[0]).length", selector);
		return ((Number) result).longValue();
	}

}

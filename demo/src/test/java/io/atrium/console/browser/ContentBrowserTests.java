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
import java.util.Locale;

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

		// Materials are searched in the index too (WeChat cannot): by a part of a name, within the type shown.
		open("/accounts/" + ACCOUNT + "/materials?type=image");
		String name = waitFor(By.cssSelector(".material-name")).getText();
		String namePart = name.substring(0, Math.min(4, name.length()));
		browser.findElement(By.id("material-q")).sendKeys(namePart);
		browser.findElement(By.id("material-search-submit")).click();
		List<String> names = waitFor(By.id("image-grid")).findElements(By.className("material-name"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(names).contains(name).allSatisfy((shown) -> assertThat(shown.toLowerCase(Locale.ROOT))
			.contains(namePart.toLowerCase(Locale.ROOT)));
		assertThat(browser.getCurrentUrl()).contains("type=image");
		screenshot("materials-search-zh");
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.navigate().refresh();
		waitFor(By.id("material-search-submit"));
		assertThat(scrollsHorizontally()).as("on a phone").isFalse();
		screenshot("materials-search-phone-zh");
		browser.manage().window().setSize(new Dimension(1280, 900));
		open("/accounts/" + ACCOUNT + "/materials?type=image&lang=en&q=" + URLEncoder.encode(namePart,
				StandardCharsets.UTF_8));
		assertThat(waitFor(By.id("material-search-submit")).getText()).isEqualTo("Search");
		assertThat(browser.findElements(By.className("material-name")).stream().map(WebElement::getText))
			.contains(name);
		screenshot("materials-search-en");
		open("/accounts/" + ACCOUNT + "/materials?type=image&lang=zh-CN");
		browser.findElement(By.id("material-q")).clear();
		browser.findElement(By.id("material-q")).sendKeys("不会出现的素材");
		browser.findElement(By.id("material-search-submit")).click();
		assertThat(waitFor(By.id("material-search-none")).getText()).isEqualTo("没有找到匹配的素材。");
		open("/accounts/" + ACCOUNT + "/materials?type=image&q=" + "长".repeat(101));
		assertThat(waitFor(By.id("material-search-invalid")).getText()).startsWith("搜索条件无效");
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

	/** The other tenant's account of the demo that never granted set 7 (README, "The demo"). */
	static final String WITHOUT_SET_7 = "wx1e3c5a7b9d2f4860";

	@Test
	void diagnosesNameTheCauseUnverifiedMissingSetNotFoundAndRevokedInBothLanguages() throws Exception {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		String session = browser.manage().getCookieNamed("ATRIUM_SESSION").getValue();
		// An id the index cannot hold, so that each page asks WeChat (the sandbox) live.
		String unknown = "/accounts/" + ACCOUNT + "/posts/no-such-article-id";

		// WeChat's 48001: the account itself lacks the API, not a permission set.
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"/cgi-bin/freepublish/getarticle\",\"appid\":\"" + ACCOUNT
				+ "\",\"errcode\":48001,\"times\":1}");
		open(unknown);
		String unverified = waitFor(By.id("content-problem")).getText();
		assertThat(unverified).contains("48001", "认证", "重新授权无法解决").doesNotContain("未授予所需的权限集");
		screenshot("problem-unverified-zh");

		// A set never granted: the merchant re-authorizes with it (checked before any call).
		open("/accounts/" + WITHOUT_SET_7 + "/posts");
		assertThat(waitFor(By.id("content-problem")).getText()).contains("未授予所需的权限集", "重新授权")
			.doesNotContain("48001");

		// An unknown article: WeChat's 53600 is a 404 saying so, not "WeChat unreachable".
		assertThat(status(unknown, session)).isEqualTo(404);
		open(unknown);
		assertThat(waitFor(By.id("content-problem")).getText()).contains("找不到该文章或素材")
			.doesNotContain("暂时无法访问");
		screenshot("problem-not-found-zh");

		// WeChat says the merchant cancelled the authorization (61003): revoked, not "needs re-authorization".
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"/cgi-bin/freepublish/getarticle\",\"appid\":\"" + ACCOUNT
				+ "\",\"errcode\":61003,\"times\":1}");
		open(unknown);
		assertThat(waitFor(By.id("content-problem")).getText()).contains("商户已取消").doesNotContain("令牌已失效");
		screenshot("problem-revoked-zh");

		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"/cgi-bin/freepublish/getarticle\",\"appid\":\"" + ACCOUNT
				+ "\",\"errcode\":48001,\"times\":1}");
		open(unknown + "?lang=en");
		assertThat(waitFor(By.id("content-problem")).getText()).contains("48001", "not verified", "re-authorizing will not help");
		browser.manage().window().setSize(new Dimension(390, 844));
		open(unknown);
		assertThat(waitFor(By.id("content-problem")).getText()).contains("does not know this article");
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("problem-not-found-phone-en");
		sandbox("POST", "/sandbox/faults", "{\"endpoint\":\"/cgi-bin/freepublish/getarticle\",\"appid\":\"" + ACCOUNT
				+ "\",\"errcode\":61003,\"times\":1}");
		open(unknown);
		assertThat(waitFor(By.id("content-problem")).getText()).contains("revoked");
		screenshot("problem-revoked-phone-en");
		open("/accounts/" + WITHOUT_SET_7 + "/posts");
		assertThat(waitFor(By.id("content-problem")).getText()).contains("permission set").doesNotContain("48001");
		// Back to Chinese for whatever runs next in this browser (the switch is in the collapsed menu at this width).
		open("/accounts/" + WITHOUT_SET_7 + "/posts?lang=zh-CN");
		waitFor(By.id("content-problem"));
	}

	@Test
	void postsShowTheirPublishTimeAndOriginalLinkAndTheArticleReadsAtAComfortableWidth() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT + "/posts");
		List<WebElement> posts = waitFor(By.id("posts")).findElements(By.className("post"));
		assertThat(posts).isNotEmpty().allSatisfy((post) -> {
			assertThat(post.findElement(By.className("post-published")).getText()).matches("发布于 \\d{4}-\\d{2}-\\d{2}.*");
			WebElement original = post.findElement(By.className("post-original"));
			assertThat(original.getDomAttribute("href")).startsWith("http");
			assertThat(original.getDomAttribute("rel")).contains("noopener");
			assertThat(original.getText()).isEqualTo("原文链接");
		});
		browser.findElements(By.className("post-title")).get(0).click();
		WebElement article = waitFor(By.className("article-reading"));
		assertThat(article.getRect().getWidth()).isLessThanOrEqualTo(736);
		assertThat(article.findElement(By.className("article-original")).getDomAttribute("href")).startsWith("http");
		// Inline images keep their size but never overflow the article.
		for (WebElement image : article.findElements(By.cssSelector(".article-body img"))) {
			assertThat(image.getRect().getWidth()).isLessThanOrEqualTo(article.getRect().getWidth());
		}
		screenshotWholePage("article-reading-zh");
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.navigate().refresh();
		waitFor(By.className("article-reading"));
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("article-reading-phone-zh");
		open("/accounts/" + ACCOUNT + "/posts?lang=en");
		assertThat(waitFor(By.className("post-published")).getText()).startsWith("Published ");
		assertThat(browser.findElement(By.className("post-original")).getText()).isEqualTo("Original link");
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("posts-phone-en");
		open("/accounts/" + ACCOUNT + "/posts?lang=zh-CN");
		waitFor(By.id("posts"));
	}

	@Test
	void materialsEnlargeImagesCopyMediaIdsOpenNewsAndPlayVoiceAndVideoThroughAtrium() throws Exception {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		String session = browser.manage().getCookieNamed("ATRIUM_SESSION").getValue();
		open("/accounts/" + ACCOUNT + "/materials");

		// An image opens large in a modal.
		WebElement zoom = waitFor(By.id("image-grid")).findElements(By.className("material-zoom")).get(0);
		zoom.click();
		WebElement large = waitFor(By.cssSelector(".image-modal.show img.material-large"));
		assertThat(large.getDomAttribute("src")).startsWith("/img?u=");
		assertThat(loaded(large)).as("the enlarged image loaded").isTrue();
		assertThat(large.getRect().getWidth()).isGreaterThan(zoom.getRect().getWidth());
		screenshot("materials-image-modal-zh");
		browser.findElement(By.cssSelector(".image-modal.show .btn-close")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".image-modal.show")));

		// The media id's copy button copies it and says so.
		WebElement copy = browser.findElements(By.className("copy-media-id")).get(0);
		String mediaId = browser.findElements(By.className("media-id")).get(0).getText();
		assertThat(copy.getDomAttribute("data-copy")).isEqualTo(mediaId);
		assertThat(copy.getText()).isEqualTo("复制");
		copy.click();
		new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElement(copy, "已复制"));
		Object clipboard = ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				navigator.clipboard.readText().then(done, () => done(null));""");
		if (clipboard != null) {
			assertThat(clipboard).isEqualTo(mediaId);
		}
		new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElement(copy, "复制"));

		// An offset past the end shows the last page (12 images, 10 a page).
		open("/accounts/" + ACCOUNT + "/materials?type=image&offset=1000");
		assertThat(waitFor(By.id("page-position")).getText()).isEqualTo("第 2 / 2 页");
		assertThat(browser.findElements(By.cssSelector("#image-grid .material"))).isNotEmpty();

		// A news material opens to its articles.
		open("/accounts/" + ACCOUNT + "/materials?type=news");
		waitFor(By.id("image-grid")).findElements(By.className("material-open")).get(0).click();
		assertThat(waitFor(By.className("article-body")).getText()).isNotBlank();
		assertThat(browser.findElement(By.id("back-to-materials")).isDisplayed()).isTrue();
		screenshotWholePage("materials-news-zh");

		// Voice and video play through Atrium: the players' sources answer the material's bytes.
		open("/accounts/" + ACCOUNT + "/materials?type=voice");
		WebElement audio = waitFor(By.id("media-list")).findElements(By.tagName("audio")).get(0);
		String voice = audio.getDomAttribute("src");
		assertThat(voice).startsWith("/accounts/" + ACCOUNT + "/materials/").endsWith("/media").doesNotContain("token");
		HttpResponse<byte[]> voiceAnswer = get(voice, session);
		assertThat(voiceAnswer.statusCode()).isEqualTo(200);
		assertThat(voiceAnswer.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		assertThat(voiceAnswer.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
		assertThat(voiceAnswer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(voiceAnswer.body()).isEqualTo(sandboxFile("/voice/" + ACCOUNT + "/any.mp3"));
		assertThat(playable(audio)).as("the voice's metadata loads in the player").isTrue();
		screenshot("materials-voice-zh");

		open("/accounts/" + ACCOUNT + "/materials?type=video");
		WebElement video = waitFor(By.id("media-list")).findElements(By.tagName("video")).get(0);
		String videoSource = video.getDomAttribute("src");
		HttpResponse<byte[]> videoAnswer = get(videoSource, session);
		assertThat(videoAnswer.statusCode()).isEqualTo(200);
		assertThat(videoAnswer.headers().firstValue("Content-Type")).hasValue("video/mp4");
		assertThat(new String(videoAnswer.body(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
		assertThat(videoAnswer.body()).isEqualTo(sandboxFile("/video-material/" + ACCOUNT + "/any.mp4"));
		assertThat(new String(videoAnswer.body(), StandardCharsets.ISO_8859_1)).doesNotContain("access_token");
		// An unknown media id is WeChat's 40007: a 404.
		assertThat(get("/accounts/" + ACCOUNT + "/materials/no-such-media/media", session).statusCode()).isEqualTo(404);
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("materials-video-zh");

		browser.manage().window().setSize(new Dimension(390, 844));
		open("/accounts/" + ACCOUNT + "/materials?type=video&lang=en");
		assertThat(waitFor(By.className("copy-media-id")).getText()).isEqualTo("Copy");
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("materials-video-phone-en");
		open("/accounts/" + ACCOUNT + "/materials?type=image");
		waitFor(By.className("material-zoom")).click();
		assertThat(waitFor(By.cssSelector(".image-modal.show img.material-large")).getRect().getWidth())
			.isLessThanOrEqualTo(390);
		assertThat(scrollsHorizontally()).isFalse();
		screenshot("materials-image-modal-phone-en");
		browser.findElement(By.cssSelector(".image-modal.show .btn-close")).click();
		open("/accounts/" + ACCOUNT + "/materials?type=voice");
		waitFor(By.className("copy-media-id")).click();
		new WebDriverWait(browser, Duration.ofSeconds(5))
			.until(ExpectedConditions.textToBe(By.className("copy-media-id"), "Copied"));
		screenshot("materials-voice-phone-en");
		open("/accounts/" + ACCOUNT + "/materials?type=voice&lang=zh-CN");
		waitFor(By.id("media-list"));

		// Another tenant's material is a 404 for a merchant, whatever the id.
		String otherVoice = voice.replace(ACCOUNT, OTHER_TENANTS);
		startLoggedOut();
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("nav-accounts"));
		String merchant = browser.manage().getCookieNamed("ATRIUM_SESSION").getValue();
		assertThat(get(otherVoice, merchant).statusCode()).isEqualTo(404);
		assertThat(get(voice, merchant).statusCode()).isEqualTo(200);
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

	private static HttpResponse<byte[]> get(String path, String session) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", "ATRIUM_SESSION=" + session).build(),
					HttpResponse.BodyHandlers.ofByteArray());
	}

	private static int status(String path, String session) throws Exception {
		return get(path, session).statusCode();
	}

	/** A file as the sandbox serves it (its recordings are the same for every path of their pattern). */
	private byte[] sandboxFile(String path) throws Exception {
		HttpResponse<byte[]> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.wechat.apiBaseUrl() + path)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(answer.statusCode()).as(path).isEqualTo(200);
		return answer.body();
	}

	/** Whether a player loads its source's metadata (a duration) through the console. */
	private static boolean playable(WebElement player) {
		Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
				const player = arguments[0], done = arguments[arguments.length - 1];
				player.addEventListener('loadedmetadata', () => done(player.duration > 0), { once: true });
				player.addEventListener('error', () => done(false), { once: true });
				player.preload = 'metadata';
				player.load();""", player);
		return Boolean.TRUE.equals(result);
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

package io.atrium.console.browser;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An account's content in the console, against the demo's sandbox: posts with thumbnails through the image proxy,
 * the article whose HTML carries a script (it must not run), the materials' image grid and the operations page
 * that counts those calls; a merchant cannot reach another tenant's content.
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
		screenshot("article-zh");

		browser.findElement(By.id("tab-materials")).click();
		WebElement grid = waitFor(By.id("image-grid"));
		List<WebElement> materials = grid.findElements(By.className("material-image"));
		assertThat(materials).isNotEmpty()
			.allSatisfy((image) -> assertThat(image.getDomAttribute("src")).startsWith("/img?u="));
		assertThat(browser.findElement(By.id("type-image")).getText()).containsPattern("图片\\s*\\d+");
		assertThat(loaded(materials.get(0))).as("material image loaded through the image proxy").isTrue();
		screenshot("materials-zh");

		open("/operations");
		WebElement operations = waitFor(By.id("operations-" + ACCOUNT));
		assertThat(operations.getText()).contains("/cgi-bin/freepublish/batchget")
			.contains("/cgi-bin/freepublish/getarticle")
			.contains("/cgi-bin/material/batchget_material");
		assertThat(operations.getText()).containsPattern("共调用 [1-9]\\d* 次");
		screenshot("operations-zh");
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

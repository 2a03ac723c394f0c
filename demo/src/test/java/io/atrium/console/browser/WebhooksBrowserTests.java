package io.atrium.console.browser;

import java.time.Duration;

import io.atrium.testsupport.WebhookReceiver;
import io.atrium.testsupport.WebhookReceiver.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks in Chromium against the demo: an operator adds an endpoint to 星河集团 (secret shown once), test-sends it,
 * a user's message through the sandbox reaches the receiver signed, the delivery log shows it with its latency, a
 * dead letter is redelivered; the merchant sees the endpoint read-only; the page in English.
 */
class WebhooksBrowserTests extends ConsoleBrowserTests {

	/** 星河集团's coffee account (wechat-sandbox/README.md, "Demo accounts"). */
	static final String ACCOUNT = "wx5a7c1e9b3d2f4068";

	@Autowired
	JdbcClient jdbc;

	private WebhookReceiver receiver;

	@BeforeEach
	void startReceiver() throws Exception {
		this.receiver = new WebhookReceiver();
	}

	@AfterEach
	void removeEndpoints() {
		this.receiver.close();
		this.jdbc.sql("delete from webhook_endpoint").update();
	}

	@Test
	void anOperatorAddsAnEndpointAndMessagesReachItSignedAndLogged() {
		long tenant = this.jdbc.sql("select id from tenant where name = '星河集团 (demo)'").query(Long.class).single();
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-tenants"));
		open("/tenants/" + tenant);
		waitFor(By.id("tenant-webhooks")).click();
		waitFor(By.id("webhook-url")).sendKeys(this.receiver.url());
		browser.findElement(By.id("webhook-events")).sendKeys("text, event:subscribe");
		browser.findElement(By.id("webhook-create")).click();
		String secret = waitFor(By.id("webhook-secret")).getText();
		assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
		assertThat(browser.findElement(By.id("webhook-secret-issued")).getText()).contains("只显示这一次");
		screenshot("webhooks-created-zh");
		open("/tenants/" + tenant + "/webhooks");
		waitFor(By.id("webhook-endpoints"));
		assertThat(browser.getPageSource()).doesNotContain(secret);

		browser.findElement(By.cssSelector(".webhook-test")).click();
		assertThat(waitFor(By.id("webhook-test-result")).getText()).contains("测试发送成功").contains("HTTP 200");
		assertThat(this.receiver.requests()).singleElement()
			.satisfies((request) -> assertThat(request.signedWith(secret)).isTrue());

		sandbox("POST", "/sandbox/accounts/" + ACCOUNT + "/messages", "{\"text\":\"浏览器里的留言\"}");
		await().atMost(Duration.ofSeconds(15)).until(() -> this.receiver.requests().size() == 2);
		Request message = this.receiver.requests().get(1);
		assertThat(message.signedWith(secret)).isTrue();
		assertThat(message.body()).contains("\"appid\":\"" + ACCOUNT + "\"").contains("浏览器里的留言");

		browser.findElement(By.cssSelector(".webhook-deliveries")).click();
		waitFor(By.id("webhook-deliveries"));
		assertThat(browser.findElements(By.cssSelector(".webhook-delivery"))).hasSize(2);
		assertThat(browser.findElement(By.id("webhook-deliveries")).getText()).contains("已送达").contains("text")
			.contains("HTTP 200").containsPattern("\\d+ ms");
		screenshot("webhooks-deliveries-zh");

		// A delivery that ran out of retries, as a dead letter; the receiver is back.
		this.receiver.answer(503, 0, "");
		sandbox("POST", "/sandbox/accounts/" + ACCOUNT + "/messages", "{\"text\":\"会变成死信\"}");
		await().atMost(Duration.ofSeconds(15)).until(() -> this.receiver.requests().size() == 3);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.jdbc
			.sql("select count(*) from webhook_delivery where attempts = 1 and status = 'PENDING'")
			.query(Long.class)
			.single() == 1);
		this.jdbc.sql("update webhook_delivery set status = 'DEAD' where status = 'PENDING'").update();
		this.receiver.answer(200, 0, "");
		browser.findElement(By.id("webhook-filter-dead")).click();
		waitFor(By.cssSelector(".webhook-redeliver")).click();
		assertThat(waitFor(By.id("webhook-redelivered")).getText()).contains("已重新排队");
		await().atMost(Duration.ofSeconds(15)).until(() -> this.receiver.requests().size() == 4);
		assertThat(this.receiver.requests().get(3).id()).isEqualTo(this.receiver.requests().get(2).id());

		// Disable, asked first (answered no: nothing changes; then yes), then the English page.
		open("/tenants/" + tenant + "/webhooks");
		waitFor(By.cssSelector(".webhook-toggle")).click();
		assertThat(confirmation(false)).contains("停用此 Webhook");
		open("/tenants/" + tenant + "/webhooks");
		assertThat(waitFor(By.cssSelector(".webhook-state")).getText()).isEqualTo("启用");
		waitFor(By.cssSelector(".webhook-toggle")).click();
		confirmation(true);
		assertThat(waitFor(By.cssSelector(".webhook-state")).getText()).isEqualTo("已停用");
		open("/tenants/" + tenant + "/webhooks?lang=en");
		assertThat(waitFor(By.id("webhook-title")).getText()).startsWith("Webhooks: ");
		assertThat(browser.findElement(By.cssSelector(".webhook-state")).getText()).isEqualTo("Disabled");
		open("/tenants/" + tenant + "/webhooks?lang=zh-CN");
		waitFor(By.id("webhook-title"));
	}

	@Test
	void theMerchantSeesTheirTenantsEndpointsReadOnly() {
		long tenant = this.jdbc.sql("select id from tenant where name = '星河集团 (demo)'").query(Long.class).single();
		long other = this.jdbc.sql("select id from tenant where name = '山野文化 (demo)'").query(Long.class).single();
		this.jdbc.sql("insert into webhook_endpoint (tenant_id, url, event_filter, secret_sealed, enabled, sync_reply, "
				+ "created_by, created_at, updated_at) values (:tenant, 'https://hooks.xinghe.example/wechat', 'text', "
				+ "'demo:sealed', true, false, 'test', now(), now()), (:other, 'https://hooks.shanye.example/wechat', "
				+ "'*', 'demo:sealed', true, false, 'test', now(), now())")
			.param("tenant", tenant)
			.param("other", other)
			.update();
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("nav-webhooks")).click();
		waitFor(By.id("webhook-endpoints"));
		String page = browser.findElement(By.tagName("main")).getText();
		assertThat(page).contains("https://hooks.xinghe.example/wechat").doesNotContain("shanye");
		assertThat(present(By.id("webhook-form"))).isFalse();
		assertThat(present(By.cssSelector(".webhook-test"))).isFalse();
		assertThat(present(By.cssSelector(".webhook-rotate"))).isFalse();
		assertThat(present(By.cssSelector(".webhook-deliveries"))).isFalse();
		assertThat(browser.getPageSource()).doesNotContain("whsec_").doesNotContain("demo:sealed");
		screenshot("webhooks-merchant-zh");
		open("/tenants/" + tenant + "/webhooks");
		assertThat(present(By.id("webhook-endpoints"))).isFalse();
	}

}

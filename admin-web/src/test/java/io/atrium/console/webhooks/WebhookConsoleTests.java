package io.atrium.console.webhooks;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.InstanceSettings;
import io.atrium.console.ConsoleSession;
import io.atrium.console.security.ConsoleRole;
import io.atrium.console.security.ConsoleUsers;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TestPostgres;
import io.atrium.testsupport.TestRedis;
import io.atrium.testsupport.WebhookReceiver;
import io.atrium.token.webhook.WebhookEndpoint;
import io.atrium.token.webhook.WebhookService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.atrium.console.ConsoleSession.csrf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's webhook pages over HTTP, as deployed (no demo): an administrator creates, test-sends, disables,
 * rotates and deletes a tenant's endpoints and a platform-wide one, the secret shown once and in no log; the delivery
 * log and dead letters with redelivery; bad input and another tenant's endpoints change nothing; viewers read,
 * merchants see their own tenant's endpoints only, without secrets or actions; CSRF on every form.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class WebhookConsoleTests {

	static final PostgresSchema db = TestPostgres.schemaFor(WebhookConsoleTests.class);

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(WebhookConsoleTests.class);

	private static final Pattern SECRET = Pattern.compile("id=\"webhook-secret\">(whsec_[A-Za-z0-9_-]{43})<");

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		Map<String, Object> services = new LinkedHashMap<>();
		services.putAll(db.springProperties());
		services.putAll(redis.springProperties());
		services.put("atrium.webhooks.allow-plain-http", "true");
		services.put("atrium.webhooks.allow-loopback", "true");
		services.put("atrium.webhooks.timeout", "2s");
		InstanceSettings.with(services).forEach((name, value) -> registry.add(name, () -> value));
	}

	@LocalServerPort
	int port;

	@Autowired
	TenantRepository tenants;

	@Autowired
	ConsoleUsers users;

	@Autowired
	WebhookService webhooks;

	@Autowired
	JdbcClient jdbc;

	private WebhookReceiver receiver;

	@BeforeEach
	void startReceiver() throws Exception {
		this.receiver = new WebhookReceiver();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void anAdministratorManagesATenantsEndpointsAndSeesTheSecretOnceAndNowhereElse(CapturedOutput output)
			throws Exception {
		Tenant tenant = tenant("钩子商户");
		ConsoleSession browser = admin();
		String base = "/tenants/" + tenant.id() + "/webhooks";
		assertThat(browser.get("/tenants/" + tenant.id()).body()).contains("href=\"" + base + "\"");
		HttpResponse<String> page = browser.get(base);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"webhook-form\"");

		HttpResponse<String> created = browser.post(base,
				Map.of("url", this.receiver.url(), "events", "text, event:subscribe", "_csrf", csrf(page.body())));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(value) -> assertThat(value).contains("no-store"));
		String secret = secret(created);
		WebhookEndpoint endpoint = this.webhooks.endpoints(tenant.id()).get(0);
		assertThat(endpoint.eventFilter()).isEqualTo("event:subscribe,text");
		HttpResponse<String> again = browser.get(base);
		assertThat(again.body()).contains(this.receiver.url().replace("&", "&amp;"))
			.contains("event:subscribe,text")
			.doesNotContain(secret)
			.doesNotContain("webhook-secret");

		HttpResponse<String> test = browser.post(base + "/" + endpoint.id() + "/test", Map.of("_csrf", csrf(again.body())));
		assertThat(test.statusCode()).isEqualTo(302);
		assertThat(browser.get(base).body()).contains("测试发送成功：HTTP 200");
		assertThat(this.receiver.requests()).singleElement()
			.satisfies((request) -> assertThat(request.signedWith(secret)).isTrue());

		HttpResponse<String> rotated = browser.post(base + "/" + endpoint.id() + "/rotate",
				Map.of("_csrf", csrf(again.body())));
		String newSecret = secret(rotated);
		assertThat(newSecret).isNotEqualTo(secret);
		browser.post(base + "/" + endpoint.id() + "/test", Map.of("_csrf", csrf(again.body())));
		assertThat(this.receiver.requests()).hasSize(2).last().satisfies((request) -> {
			assertThat(request.signedWith(newSecret)).isTrue();
			assertThat(request.signedWith(secret)).as("the old secret signs for a while").isTrue();
		});
		HttpResponse<String> revoked = browser.post(base + "/" + endpoint.id() + "/rotate",
				Map.of("revokeOld", "true", "_csrf", csrf(again.body())));
		String thirdSecret = secret(revoked);
		browser.post(base + "/" + endpoint.id() + "/test", Map.of("_csrf", csrf(again.body())));
		assertThat(this.receiver.requests()).hasSize(3).last().satisfies((request) -> {
			assertThat(request.signedWith(thirdSecret)).isTrue();
			assertThat(request.signedWith(newSecret)).isFalse();
			assertThat(request.signedWith(secret)).isFalse();
		});

		assertThat(browser.post(base + "/" + endpoint.id() + "/enabled",
				Map.of("enabled", "false", "_csrf", csrf(again.body()))).statusCode()).isEqualTo(302);
		assertThat(this.webhooks.endpoint(tenant.id(), endpoint.id()).enabled()).isFalse();
		assertThat(browser.get(base).body()).contains("已停用");
		assertThat(browser.post(base + "/" + endpoint.id() + "/delete", Map.of("_csrf", csrf(again.body())))
			.statusCode()).isEqualTo(302);
		assertThat(this.webhooks.endpoints(tenant.id())).isEmpty();

		assertThat(output.getAll()).doesNotContain(secret).doesNotContain(newSecret).doesNotContain(thirdSecret);
	}

	@Test
	void badInputAndAnotherTenantsEndpointsAreRefusedAndChangeNothing() throws Exception {
		Tenant tenant = tenant("输入商户");
		Tenant other = tenant("别家商户");
		WebhookEndpoint theirs = this.webhooks.create(other.id(), this.receiver.url(), "", false, "test").endpoint();
		ConsoleSession browser = admin();
		String base = "/tenants/" + tenant.id() + "/webhooks";
		String token = csrf(browser.get(base).body());

		HttpResponse<String> privateAddress = browser.post(base,
				Map.of("url", "http://10.1.2.3/hook", "events", "", "_csrf", token));
		assertThat(privateAddress.statusCode()).isEqualTo(400);
		assertThat(privateAddress.body()).contains("id=\"webhook-problem\"").contains("内网").contains("10.1.2.3")
			.doesNotContain("webhook-secret");
		assertThat(browser.post(base, Map.of("url", "http://169.254.169.254/latest", "_csrf", token)).statusCode())
			.isEqualTo(400);
		assertThat(browser.post(base, Map.of("url", "ftp://example.com/", "_csrf", token)).body())
			.contains("地址无效");
		assertThat(browser.post(base, Map.of("url", this.receiver.url(), "events", "text;rm", "_csrf", token))
			.body()).contains("无法识别");
		assertThat(this.webhooks.endpoints(tenant.id())).isEmpty();
		// One synchronous endpoint per tenant: the form's checkbox, then a second one refused.
		assertThat(browser.post(base, Map.of("url", this.receiver.url(), "syncReply", "true", "_csrf", token))
			.statusCode()).isEqualTo(200);
		assertThat(this.webhooks.endpoints(tenant.id())).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint.syncReply()).isTrue());
		assertThat(browser.post(base, Map.of("url", this.receiver.url(), "syncReply", "true", "_csrf", token)).body())
			.contains("本商户已有一个同步回复端点");
		this.webhooks.delete(tenant.id(), this.webhooks.endpoints(tenant.id()).get(0).id(), "test");
		assertThat(browser.post("/tenants/987654321/webhooks", Map.of("url", this.receiver.url(), "_csrf", token))
			.statusCode()).isEqualTo(404);

		// Another tenant's endpoint through this tenant's path, or the platform's: not found, untouched.
		for (String path : new String[] { base + "/" + theirs.id(), "/webhooks/" + theirs.id() }) {
			assertThat(browser.get(path).statusCode()).as(path).isEqualTo(404);
			assertThat(browser.post(path + "/delete", Map.of("_csrf", token)).statusCode()).as(path).isEqualTo(404);
			assertThat(browser.post(path + "/rotate", Map.of("_csrf", token)).statusCode()).as(path).isEqualTo(404);
			assertThat(browser.post(path + "/test", Map.of("_csrf", token)).statusCode()).as(path).isEqualTo(404);
			assertThat(browser.post(path + "/enabled", Map.of("enabled", "false", "_csrf", token)).statusCode())
				.as(path).isEqualTo(404);
		}
		assertThat(this.webhooks.endpoints(other.id())).containsExactly(theirs);
		assertThat(this.receiver.requests()).isEmpty();
		// Without the CSRF token nothing happens either.
		assertThat(browser.post(base, Map.of("url", this.receiver.url())).statusCode()).isEqualTo(403);
		assertThat(this.webhooks.endpoints(tenant.id())).isEmpty();
	}

	@Test
	void theDeliveryLogShowsStatusAndLatencyAndADeadLetterIsRedelivered() throws Exception {
		Tenant tenant = tenant("死信商户");
		long endpoint = this.webhooks.create(tenant.id(), this.receiver.url(), "", false, "test").endpoint().id();
		this.webhooks.testSend(tenant.id(), endpoint);
		this.receiver.answer(503, 0, "");
		long failed = this.webhooks.testSend(tenant.id(), endpoint).id();
		// As if its retry window had run out (the retries themselves are token-service's tests).
		this.jdbc.sql("update webhook_delivery set status = 'DEAD' where id = :id").param("id", failed).update();
		ConsoleSession browser = admin();
		String log = "/tenants/" + tenant.id() + "/webhooks/" + endpoint;

		assertThat(browser.get("/tenants/" + tenant.id() + "/webhooks").body()).contains("死信 1")
			.contains("href=\"" + log + "?status=DEAD\"");
		String all = browser.get(log).body();
		assertThat(all).contains("已送达").contains("死信").contains("HTTP 503").containsPattern("\\d+ ms");
		HttpResponse<String> dead = browser.get(log + "?status=DEAD");
		assertThat(dead.body()).contains("id=\"delivery-" + failed + "\"").doesNotContain("已送达");
		Matcher redeliver = Pattern.compile("action=\"(" + Pattern.quote(log) + "/deliveries/\\d+/redeliver)\"")
			.matcher(dead.body());
		assertThat(redeliver.find()).isTrue();
		HttpResponse<String> redelivered = browser.post(redeliver.group(1), Map.of("_csrf", csrf(dead.body())));
		assertThat(redelivered.statusCode()).isEqualTo(302);
		assertThat(status(failed)).isEqualTo("PENDING");
		assertThat(browser.get(log + "?status=DEAD").body()).contains("已重新排队")
			.doesNotContain("id=\"delivery-" + failed + "\"");
		// Operations lists the endpoint while something waits there.
		this.jdbc.sql("update webhook_delivery set status = 'DEAD' where id = :id").param("id", failed).update();
		HttpResponse<String> operations = browser.get("/operations");
		assertThat(operations.body()).contains("id=\"webhook-backlog\"").contains(tenant.name())
			.contains("href=\"" + log + "?status=DEAD\"");
		this.jdbc.sql("update webhook_delivery set status = 'PENDING' where id = :id").param("id", failed).update();
		// Twice: only dead letters are redelivered.
		assertThat(browser.post(redeliver.group(1), Map.of("_csrf", csrf(dead.body()))).statusCode()).isEqualTo(302);
		assertThat(browser.get(log + "?status=DEAD").body()).contains("只有死信可以重新投递");
	}

	@Test
	void viewersReadMerchantsSeeTheirOwnTenantsEndpointsWithoutSecretsOrActions() throws Exception {
		Tenant tenant = tenant("只读商户");
		Tenant other = tenant("另一商户");
		this.webhooks.create(tenant.id(), this.receiver.url(), "text", false, "test");
		this.webhooks.create(other.id(), "http://127.0.0.1:9/theirs", "", false, "test");
		this.webhooks.create(null, "http://127.0.0.1:9/platform", "", false, "test");

		String viewerName = "hook-viewer-" + System.nanoTime() % 1_000_000;
		this.users.create(viewerName, "a-long-viewer-password", ConsoleRole.PLATFORM_VIEWER, null);
		ConsoleSession viewer = new ConsoleSession(this.port);
		viewer.logIn(viewerName, "a-long-viewer-password");
		HttpResponse<String> page = viewer.get("/tenants/" + tenant.id() + "/webhooks");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/hooks/wechat").doesNotContain("webhook-form").doesNotContain("/rotate");
		assertThat(viewer.get("/webhooks").body()).contains("/platform");
		assertThat(viewer.post("/tenants/" + tenant.id() + "/webhooks",
				Map.of("url", this.receiver.url(), "_csrf", csrf(page.body()))).statusCode()).isEqualTo(403);

		String merchantName = "hook-merchant-" + System.nanoTime() % 1_000_000;
		this.users.create(merchantName, "a-long-merchant-password", ConsoleRole.MERCHANT, tenant.id());
		ConsoleSession merchant = new ConsoleSession(this.port);
		merchant.logIn(merchantName, "a-long-merchant-password");
		HttpResponse<String> own = merchant.get("/my/webhooks");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("/hooks/wechat")
			.contains("id=\"nav-webhooks\"")
			.doesNotContain("/theirs")
			.doesNotContain("/platform")
			.doesNotContain("whsec_")
			.doesNotContain("webhook-form")
			.doesNotContain("/test\"")
			.doesNotContain("webhook-deliveries");
		assertThat(merchant.get("/tenants/" + tenant.id() + "/webhooks").statusCode()).isEqualTo(403);
		assertThat(merchant.get("/webhooks").statusCode()).isEqualTo(403);
		assertThat(admin().get("/my/webhooks").statusCode()).isEqualTo(404);
	}

	@Test
	void anAdministratorCreatesAPlatformWideEndpoint() throws Exception {
		Tenant tenant = tenant("平台商户");
		ConsoleSession browser = admin();
		assertThat(browser.get("/tenants").body()).contains("id=\"platform-webhooks\"");
		HttpResponse<String> page = browser.get("/webhooks");
		assertThat(page.body()).contains("平台级 Webhooks").doesNotContain("webhook-sync");
		HttpResponse<String> created = browser.post("/webhooks",
				Map.of("url", this.receiver.url(), "events", "", "_csrf", csrf(page.body())));
		String secret = secret(created);
		// Other tests leave platform-wide endpoints behind: this one is the receiver's.
		WebhookEndpoint endpoint = this.webhooks.endpoints(null)
			.stream()
			.filter((candidate) -> candidate.url().equals(this.receiver.url()))
			.findFirst()
			.orElseThrow();
		assertThat(endpoint.eventFilter()).isEqualTo("*");
		assertThat(endpoint.tenantId()).isNull();
		assertThat(this.webhooks.endpoints(tenant.id())).isEmpty();
		long id = endpoint.id();
		browser.post("/webhooks/" + id + "/test", Map.of("_csrf", csrf(page.body())));
		assertThat(this.receiver.requests()).singleElement()
			.satisfies((request) -> assertThat(request.signedWith(secret)).isTrue());
		assertThat(browser.get("/webhooks?lang=en").body()).contains("Platform-wide webhooks")
			.contains("Test delivered: HTTP 200");
	}

	private Tenant tenant(String name) {
		return this.tenants.create(name + " " + System.nanoTime(), null, null, null, null);
	}

	private ConsoleSession admin() throws Exception {
		ConsoleSession browser = new ConsoleSession(this.port);
		browser.logIn(InstanceSettings.ADMIN, InstanceSettings.ADMIN_PASSWORD);
		return browser;
	}

	private String status(long delivery) {
		return this.jdbc.sql("select status from webhook_delivery where id = :id")
			.param("id", delivery)
			.query(String.class)
			.single();
	}

	private static String secret(HttpResponse<String> page) {
		Matcher matcher = SECRET.matcher(page.body());
		assertThat(matcher.find()).as("the secret on the page").isTrue();
		return matcher.group(1);
	}

}

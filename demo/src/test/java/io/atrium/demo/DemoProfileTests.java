package io.atrium.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import io.atrium.console.ConsoleSession;
import io.atrium.console.image.ImageProxyProperties;
import io.atrium.token.WeChatComponentProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile with nothing configured, as a new user starts it. Only the sandbox port is
 * set, to a free one, so that this test does not collide with a demo running on 9090.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "atrium.demo.sandbox-port=0")
@ActiveProfiles("demo")
class DemoProfileTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	DataSource dataSource;

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	RedisConnectionFactory redisConnectionFactory;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisServer redisServer;

	@Autowired
	WeChatComponentProperties wechat;

	@Autowired
	DemoSandbox sandbox;

	@Autowired
	ImageProxyProperties imageProxy;

	@Test
	void theImageProxyMayFetchTheSandboxsImagesOnLoopbackBesideWeChatsHosts() {
		String sandboxHostAndPort = URI.create(this.sandbox.baseUrl()).getRawAuthority();
		// Its image paths only, never its control API.
		assertThat(this.imageProxy.plainHttpHosts()).containsExactly(sandboxHostAndPort + "/mmbiz_png/",
				sandboxHostAndPort + "/mmbiz_jpg/");
		assertThat(this.imageProxy.allowLoopback()).isTrue();
		assertThat(this.imageProxy.hosts()).contains("mmbiz.qpic.cn", "mmbiz.qlogo.cn", "wx.qlogo.cn",
				"thirdwx.qlogo.cn");
	}

	@Test
	void healthIsUpWithDatabaseRedisAndTheSandboxsTicket() throws Exception {
		assertThat(json.readTree(get("http://localhost:" + this.port + "/readyz").body()).path("status").asString())
			.isEqualTo("UP");
		// The components are on the management port (README, "The demo").
		HttpResponse<String> response = get("http://localhost:" + this.managementPort + "/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = json.readTree(response.body());
		assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("db").path("details").path("database").asString())
			.isEqualTo("PostgreSQL");
		assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
		// The demo takes its accounts into custody at start-up, with a ticket it asked the sandbox for.
		assertThat(health.path("components").path("verifyTicket").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("status").asString()).isEqualTo("UP");
	}

	@Test
	void demoApiKeysReadTheSeededAccounts() throws Exception {
		String platformKey = "atr_demo_platform_key_public_do_not_use_anywhere";
		String tenantKey = "atr_demo_tenant_key_public_do_not_use_anywhere_";
		JsonNode all = json.readTree(api("/api/v1/accounts", platformKey).body());
		assertThat(all.findValuesAsString("appid")).containsExactlyInAnyOrder("wx5a7c1e9b3d2f4068",
				"wx1e3c5a7b9d2f4860", "wx8b2d4f6a1c3e5079");
		JsonNode own = json.readTree(api("/api/v1/accounts", tenantKey).body());
		assertThat(own.findValuesAsString("appid")).containsExactlyInAnyOrder("wx5a7c1e9b3d2f4068",
				"wx1e3c5a7b9d2f4860");
		HttpResponse<String> articles = api("/api/v1/accounts/wx5a7c1e9b3d2f4068/articles?count=2", tenantKey);
		assertThat(articles.statusCode()).isEqualTo(200);
		assertThat(json.readTree(articles.body()).path("total_count").asInt()).isEqualTo(24);
		assertThat(api("/api/v1/accounts/wx8b2d4f6a1c3e5079/materials/count", tenantKey).statusCode()).isEqualTo(404);
		assertThat(api("/api/v1/accounts/wx8b2d4f6a1c3e5079/materials/count", platformKey).statusCode())
			.isEqualTo(200);
		assertThat(api("/api/v1/accounts/wx1e3c5a7b9d2f4860/articles", platformKey).statusCode()).isEqualTo(403);
	}

	@Test
	void openApiDescriptionIsServed() throws Exception {
		HttpResponse<String> response = get("http://localhost:" + this.port + "/api/openapi.yaml");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("openapi: 3.1").contains("/api/v1/accounts/{appid}/articles");
	}

	private HttpResponse<String> api(String path, String key) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + key)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void embeddedPostgresAnswersThroughTheApplicationsDataSource() throws SQLException {
		assertThat(JdbcClient.create(this.dataSource).sql("select 1").query(Integer.class).single()).isEqualTo(1);
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).contains(":" + this.postgres.getPort() + "/");
		}
	}

	@Test
	void embeddedRedisAnswersThroughTheApplicationsConnectionFactory() {
		assertThat(((LettuceConnectionFactory) this.redisConnectionFactory).getPort())
			.isEqualTo(this.redisServer.ports().get(0));
		String key = "atrium:demo:test:" + getClass().getSimpleName();
		this.redis.opsForValue().set(key, "pong");
		assertThat(this.redis.opsForValue().get(key)).isEqualTo("pong");
		this.redis.delete(key);
	}

	@Test
	void atriumTalksToTheInProcessSandbox() throws Exception {
		assertThat(this.wechat.apiBaseUrl()).isEqualTo(this.sandbox.baseUrl());
		assertThat(this.wechat.mpBaseUrl()).isEqualTo(this.sandbox.baseUrl());
		assertThat(this.wechat.openBaseUrl()).isEqualTo(this.sandbox.baseUrl());
		assertThat(this.sandbox.baseUrl()).doesNotEndWith(":9090");
		HttpResponse<String> response = get(this.wechat.apiBaseUrl() + "/sandbox/accounts");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode accounts = json.readTree(response.body()).path("accounts");
		assertThat(accounts.isArray()).isTrue();
		assertThat(accounts.size()).isGreaterThan(0);
		assertThat(accounts.get(0).path("appid").asString()).startsWith("wx");
	}

	@Test
	void sandboxKnowsAtriumsComponentCredentials() throws Exception {
		String ticket = json.readTree(post(this.wechat.apiBaseUrl() + "/sandbox/tickets/push", "{}").body())
			.path("ticket")
			.asString();
		String request = json.writeValueAsString(Map.of("component_appid", this.wechat.componentAppId(),
				"component_appsecret", this.wechat.componentSecret(), "component_verify_ticket", ticket));
		HttpResponse<String> response = post(this.wechat.apiBaseUrl() + "/cgi-bin/component/api_component_token",
				request);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).path("component_access_token").asString()).isNotBlank();
	}

	@Test
	void sandboxPushesToThisApplication() throws Exception {
		JsonNode push = json.readTree(post(this.wechat.apiBaseUrl() + "/sandbox/tickets/push", "{}").body())
			.path("push");
		assertThat(push.path("url").asString())
			.startsWith("http://127.0.0.1:" + this.port + DemoSandbox.CALLBACK_PATH);
		// And users' messages to this application's message URL.
		JsonNode message = json.readTree(post(
				this.wechat.apiBaseUrl() + "/sandbox/accounts/wx5a7c1e9b3d2f4068/messages", "{\"text\":\"你好\"}")
			.body());
		assertThat(message.path("acknowledged").asBoolean()).isTrue();
		assertThat(message.path("attempts").get(0).path("url").asString())
			.startsWith("http://127.0.0.1:" + this.port + "/wechat/accounts/wx5a7c1e9b3d2f4068/messages?");
	}

	@Test
	void wechatsReleaseTestPassesAgainstTheDemoAndTheDashboardShowsIt() throws Exception {
		// The README's line: curl -X POST http://127.0.0.1:9090/sandbox/release-test
		HttpResponse<String> run = post(this.sandbox.baseUrl() + "/sandbox/release-test", "");

		assertThat(run.statusCode()).isEqualTo(200);
		JsonNode report = json.readTree(run.body());
		assertThat(report.path("passed").asBoolean()).as(run.body()).isTrue();
		assertThat(report.path("accounts").size()).isEqualTo(10);
		ConsoleSession operator = new ConsoleSession(this.port);
		operator.logIn("admin", "atrium-demo-admin");
		String dashboard = awaitDashboard(operator, "已发送客服消息");
		assertThat(dashboard).contains("id=\"release-test-switch\"", "已开启", "id=\"release-test-last\"",
				"/wechat/accounts/$APPID$/messages");
		assertThat(section(dashboard, "release-step-text")).contains("已被动回复");
		assertThat(section(dashboard, "release-step-query_auth_code")).contains("已发送客服消息");
		assertThat(section(dashboard, "release-step-event")).contains("已被动回复");
		String english = operator.get("/dashboard?lang=en").body();
		operator.get("/dashboard?lang=zh-CN");
		assertThat(english).contains("WeChat release test", "Passive reply sent", "Customer-service message sent");
	}

	/**
	 * The dashboard once it says what is awaited (the last customer-service message is recorded just after it
	 * went).
	 */
	private static String awaitDashboard(ConsoleSession operator, String awaited) throws Exception {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (true) {
			HttpResponse<String> response = operator.get("/dashboard");
			assertThat(response.statusCode()).isEqualTo(200);
			if (response.body().contains(awaited) || System.nanoTime() > deadline) {
				return response.body();
			}
			Thread.sleep(50);
		}
	}

	/** The table row with this id. */
	private static String section(String html, String id) {
		int start = html.indexOf("id=\"" + id + "\"");
		assertThat(start).as(id).isNotNegative();
		return html.substring(start, html.indexOf("</tr>", start));
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}

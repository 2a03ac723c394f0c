package io.atrium.console.imports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.InstanceSettings;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.apikey.ApiKeyGrant;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiScope;
import io.atrium.console.ConsoleSession;
import io.atrium.console.security.ConsoleRole;
import io.atrium.console.security.ConsoleUsers;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.testsupport.Ports;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TestPostgres;
import io.atrium.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.atrium.console.ConsoleSession.csrf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's import of authorizers WeChat lists that Atrium does not hold, over HTTP as deployed (no demo),
 * against the WeChat sandbox, PostgreSQL and Redis: an administrator uploads a file, sees bad lines refused by
 * number with nothing changed, dry-runs, imports, imports again to no effect, in Chinese and English; the imported
 * account works through Atrium's API; tokens appear on no page and in no log; viewers and merchants get 403.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AuthorizerImportConsoleTests {

	static final int PORT = Ports.free();

	static final PostgresSchema db = TestPostgres.schemaFor(AuthorizerImportConsoleTests.class);

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(AuthorizerImportConsoleTests.class);

	static final WeChatSandbox sandbox = WeChatSandbox.start(SandboxSettings.defaults()
		.withPort(0)
		.withSeedDemoAccounts(false)
		.withCallbackUrl("http://127.0.0.1:" + PORT + "/wechat/component/events"));

	static final JsonMapper json = JsonMapper.builder().build();

	static final String PAGE = "/authorizer-import";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		Map<String, Object> services = new LinkedHashMap<>();
		services.putAll(db.springProperties());
		services.putAll(redis.springProperties());
		InstanceSettings.withSandbox(services, sandbox, PORT).forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	@Autowired
	TenantRepository tenants;

	@Autowired
	ConsoleUsers users;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	ApiKeyService apiKeys;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void startFromNoImports() {
		// Tenants stay: console users (the first administrator included) belong to them.
		this.jdbc.sql("truncate authorizer_import_account, authorizer_import, authorization_audit, official_account "
				+ "restart identity cascade").update();
	}

	@Test
	void anAdministratorRefusesABadFileDryRunsImportsAndImportsAgainToNoEffect(CapturedOutput output)
			throws Exception {
		sandbox.pushTicket();
		List<String> appIds = authorizedElsewhere("迁来小店", 3);
		Tenant tenant = this.tenants.create("迁来商户", null, null, null, null);
		ConsoleSession admin = new ConsoleSession(PORT);
		admin.logIn(InstanceSettings.ADMIN, InstanceSettings.ADMIN_PASSWORD);
		assertThat(admin.get("/tenants").body()).contains("href=\"" + PAGE + "\"");
		HttpResponse<String> page = admin.get(PAGE);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("导入已授权公众号").contains("id=\"import-form\"");
		String token = csrf(page.body());
		long accountsBefore = count("official_account");

		String bad = "appid,tenant\n" + appIds.get(0) + ",迁来商户\nwx-not-an-appid,迁来商户\n" + appIds.get(1)
				+ ",没有的商户\n" + appIds.get(0) + ",迁来商户\n";
		HttpResponse<String> refused = upload(admin, token, "run", bad.getBytes(StandardCharsets.UTF_8));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("未导入：输入有问题")
			.contains("第 3 行：“wx-not-an-appid”不是公众号 AppID")
			.contains("第 4 行：没有名称或 ID 为“没有的商户”的商户")
			.contains("第 5 行：" + appIds.get(0) + " 已在第 2 行出现");
		assertThat(count("official_account")).isEqualTo(accountsBefore);
		assertThat(count("authorizer_import")).isZero();

		String good = appIds.get(0) + ",迁来商户\n" + appIds.get(1) + ",迁来商户\n" + appIds.get(2) + "," + tenant.id();
		HttpResponse<String> dryRun = upload(admin, token, "dry-run", good.getBytes(StandardCharsets.UTF_8));
		assertThat(dryRun.body()).contains("预演结果（未做任何更改）").contains("id=\"import-" + appIds.get(2) + "\"")
			.contains("将导入");
		assertThat(count("official_account")).isEqualTo(accountsBefore);
		assertThat(count("authorizer_import")).isZero();

		HttpResponse<String> run = upload(admin, token, "run", good.getBytes(StandardCharsets.UTF_8));
		assertThat(run.body()).contains("导入结果（导入记录 #").contains("迁来小店 2").contains("已导入");
		assertThat(this.accounts.findByTenant(tenant.id())).extracting((account) -> account.appId())
			.containsExactlyInAnyOrderElementsOf(appIds);
		assertThat(this.jdbc.sql("select actor from authorizer_import").query(String.class).single())
			.isEqualTo("console:" + InstanceSettings.ADMIN);
		assertThat(count("authorization_audit where action = 'IMPORTED' and actor = 'console:"
				+ InstanceSettings.ADMIN + "'")).isEqualTo(3);

		HttpResponse<String> again = upload(admin, token, "run", good.getBytes(StandardCharsets.UTF_8));
		assertThat(again.body()).contains("已托管").contains("id=\"import-run-2\"");
		assertThat(count("authorization_audit where action = 'IMPORTED'")).isEqualTo(3);
		assertThat(this.jdbc.sql("select imported from authorizer_import where id = 2").query(Integer.class).single())
			.isZero();

		// The imported account works through Atrium: the gateway calls WeChat with its token.
		String key = this.apiKeys.create("迁来 key", tenant.id(), new ApiKeyGrant(Set.of(ApiScope.WECHAT_CALL),
				List.of("/cgi-bin/material/get_materialcount"), null, null, null), "test").secret();
		HttpResponse<String> call = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/accounts/" + appIds.get(0)
					+ "/wechat/cgi-bin/material/get_materialcount"))
				.header("Authorization", "Bearer " + key)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(call.statusCode()).isEqualTo(200);
		JsonNode counts = json.readTree(call.body());
		assertThat(counts.path("errcode").asInt(0)).isZero();
		assertThat(counts.has("news_count")).isTrue();

		// Refresh tokens are on no page and in no log.
		for (String appId : appIds) {
			String refreshToken = this.accounts.findRefreshToken(appId).orElseThrow();
			assertThat(List.of(dryRun.body(), run.body(), again.body(), output.getAll())).noneMatch(
					(text) -> text.contains(refreshToken));
		}
	}

	@Test
	void thePageSpeaksEnglishAndRefusesAFileThatIsNotUtf8() throws Exception {
		sandbox.pushTicket();
		List<String> appIds = authorizedElsewhere("English shop", 1);
		this.tenants.create("English tenant", null, null, null, null);
		ConsoleSession admin = new ConsoleSession(PORT);
		admin.logIn(InstanceSettings.ADMIN, InstanceSettings.ADMIN_PASSWORD);
		HttpResponse<String> page = admin.get(PAGE + "?lang=en");
		assertThat(page.body()).contains("Import authorized accounts").contains("Dry run (changes nothing)");
		String token = csrf(page.body());

		HttpResponse<String> refused = upload(admin, token, "dry-run",
				("appid,tenant\n" + appIds.get(0) + ",Nobody\n").getBytes(StandardCharsets.UTF_8));
		assertThat(refused.body()).contains("Line 2: no tenant has the name or id &quot;Nobody&quot;");

		HttpResponse<String> gbk = upload(admin, token, "run",
				(appIds.get(0) + ",English tenant,备注\n").getBytes(Charset.forName("GBK")));
		assertThat(gbk.body()).contains("The file is not UTF-8");
		assertThat(this.accounts.findById(appIds.get(0))).isEmpty();
	}

	@Test
	void aFileOfAHundredThousandLinesIsReadWholeAndAFileOverTheLimitIsRefusedClearly() throws Exception {
		sandbox.pushTicket();
		Tenant tenant = this.tenants.create("大文件商户", null, null, null, null);
		ConsoleSession admin = new ConsoleSession(PORT);
		admin.logIn(InstanceSettings.ADMIN, InstanceSettings.ADMIN_PASSWORD);
		String token = csrf(admin.get(PAGE).body());
		StringBuilder file = new StringBuilder("appid,tenant\n");
		for (int i = 0; i < 100_000; i++) {
			file.append(String.format("wx%016x,%d%n", i, tenant.id()));
		}
		byte[] hundredThousand = file.toString().getBytes(StandardCharsets.UTF_8);
		assertThat(hundredThousand.length).as("more than Spring Boot's default 1 MB upload").isGreaterThan(2_000_000);

		HttpResponse<String> dryRun = upload(admin, token, "dry-run", hundredThousand);

		// None of them is listed by WeChat: every line is a problem, which proves every line was read.
		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(dryRun.body()).contains("共 100,000 处问题，未做任何更改")
			.contains("第 501 行：微信的授权方列表中没有 wx00000000000001f3")
			.doesNotContain("第 502 行")
			.contains("另有 99,500 处问题未显示");
		assertThat(dryRun.body().split("<li data-line=", -1)).as("problems listed on the page").hasSize(501);

		byte[] tooLarge = new byte[21 * 1024 * 1024];
		java.util.Arrays.fill(tooLarge, (byte) 'x');
		HttpResponse<String> refused = upload(admin, token, "run", tooLarge);

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("文件过大（上限 20 MB，约 50 万行）");
		assertThat(count("authorizer_import")).isZero();
		assertThat(admin.get(PAGE).statusCode()).as("the session goes on").isEqualTo(200);
	}

	@Test
	void viewersAndMerchantsCannotReachThePage() throws Exception {
		Tenant tenant = this.tenants.create("只读商户", null, null, null, null);
		String password = "correct horse battery staple again";
		this.users.create("viewer-import", password, ConsoleRole.PLATFORM_VIEWER, null);
		this.users.create("merchant-import", password, ConsoleRole.MERCHANT, tenant.id());
		for (String username : List.of("viewer-import", "merchant-import")) {
			ConsoleSession session = new ConsoleSession(PORT);
			session.logIn(username, password);
			String token = csrf(session.get("/me/password").body());
			assertThat(session.get(PAGE).statusCode()).as(username).isEqualTo(403);
			HttpResponse<String> post = session.post(PAGE,
					Map.of("mode", "rule", "tenant", tenant.name(), "action", "run", "_csrf", token));
			assertThat(post.statusCode()).as(username).isEqualTo(403);
			assertThat(session.get("/dashboard").body()).doesNotContain("href=\"" + PAGE + "\"");
		}
		assertThat(count("authorizer_import")).isZero();
	}

	private static HttpResponse<String> upload(ConsoleSession session, String csrf, String action, byte[] file)
			throws IOException, InterruptedException {
		return session.postMultipart(PAGE, Map.of("mode", "csv", "action", action, "_csrf", csrf), "file",
				"accounts.csv", file);
	}

	/** Accounts that authorized this platform while another platform held its custody: Atrium never saw them. */
	private static List<String> authorizedElsewhere(String nickname, int count) throws Exception {
		List<String> appIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String appId = json.readTree(sandbox("/sandbox/accounts",
					json.createObjectNode().put("nickname", nickname + " " + i).set("permissionSets",
							json.createArrayNode().add(1).add(7).add(11))))
				.path("appid")
				.asString();
			sandbox("/sandbox/accounts/" + appId + "/authorize", json.createObjectNode());
			appIds.add(appId);
		}
		return appIds;
	}

	private static String sandbox(String path, JsonNode body) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isBetween(200, 299);
		return response.body();
	}

	private long count(String from) {
		return this.jdbc.sql("select count(*) from " + from).query(Long.class).single();
	}

}

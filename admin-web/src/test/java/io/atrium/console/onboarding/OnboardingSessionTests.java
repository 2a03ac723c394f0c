package io.atrium.console.onboarding;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.InstanceSettings;
import io.atrium.console.ConsoleSession;
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
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator onboarding many accounts in one console session, as deployed (no demo) against the WeChat sandbox,
 * PostgreSQL and Redis: the session keeps the latest links only, so it does not grow with every onboarding.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class OnboardingSessionTests {

	static final int PORT = Ports.free();

	static final PostgresSchema db = TestPostgres.schemaFor(OnboardingSessionTests.class);

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(OnboardingSessionTests.class);

	static final WeChatSandbox sandbox = WeChatSandbox.start(SandboxSettings.defaults()
		.withPort(0)
		.withSeedDemoAccounts(false)
		.withCallbackUrl("http://127.0.0.1:" + PORT + "/wechat/component/events"));

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
	StringRedisTemplate redisTemplate;

	@Test
	void aSessionKeepsTheLatestLinksOnlyHoweverManyAccountsItsUserOnboards() throws Exception {
		sandbox.pushTicket();
		Tenant tenant = this.tenants.create("批量入驻商户", null, null, null, null);
		ConsoleSession admin = new ConsoleSession(PORT);
		admin.logIn(InstanceSettings.ADMIN, InstanceSettings.ADMIN_PASSWORD);
		String csrf = ConsoleSession.csrf(admin.get("/tenants/" + tenant.id()).body());
		List<String> onboardings = new ArrayList<>();
		for (int i = 0; i < IssuedLinks.KEPT + 5; i++) {
			HttpResponse<String> started = admin.post("/onboarding",
					Map.of("tenantId", Long.toString(tenant.id()), "_csrf", csrf));
			assertThat(started.statusCode()).isEqualTo(302);
			onboardings.add(started.headers().firstValue("Location").orElseThrow());
		}

		String sessionKey = redis.key("session:sessions:" + admin.session().orElseThrow());
		// One field for the links, however many were issued: the session is read whole on every request.
		assertThat(this.redisTemplate.<String, Object>opsForHash().keys(sessionKey))
			.filteredOn((field) -> field.toString().startsWith("sessionAttr:atrium.onboarding."))
			.containsExactly("sessionAttr:" + IssuedLinks.ATTRIBUTE);
		assertThat(this.redisTemplate.opsForHash().size(sessionKey)).isLessThan(10);
		// The latest still show their links; the oldest show their status without them.
		String latest = admin.get(path(onboardings.get(onboardings.size() - 1))).body();
		assertThat(latest).contains("id=\"onboarding-link\"");
		String oldest = admin.get(path(onboardings.get(0))).body();
		assertThat(oldest).doesNotContain("id=\"onboarding-link\"").contains("id=\"onboarding-status\"");
	}

	private static String path(String location) {
		return location.substring(location.indexOf("/onboarding/"));
	}

}

package io.atrium.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.atrium.TokenServiceTestApplication;
import io.atrium.account.AccountAuthorizations;
import io.atrium.account.AuthorizerProfile;
import io.atrium.crypto.EncryptedPush;
import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.testsupport.PostgresSchema;
import io.atrium.testsupport.TestPostgres;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.onboarding.OnboardingLinks;
import io.atrium.token.onboarding.OnboardingService;
import io.atrium.token.ticket.VerifyTicketStore;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.Authorization;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of token-service's integration tests: the application against the WeChat sandbox, a real PostgreSQL
 * schema and a real Redis key prefix, all shared by every subclass (one cached context). Each test starts from a
 * reset sandbox, empty tables and no Redis keys.
 */
@SpringBootTest(classes = TokenServiceTestApplication.class, webEnvironment = WebEnvironment.DEFINED_PORT)
public abstract class SandboxIntegrationTests {

	protected static final WeChatSandbox sandbox = TestSandbox.get();

	protected static final PostgresSchema db = TestPostgres.schemaFor(SandboxIntegrationTests.class);

	protected static final io.atrium.testsupport.RedisKeyspace redisKeys = TestRedis
		.keyPrefixFor(SandboxIntegrationTests.class);

	protected static final SandboxControl control = new SandboxControl(sandbox);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		applicationProperties(TestSandbox.ATRIUM_PORT).forEach(
				(name, value) -> registry.add(name, () -> value));
	}

	/** Everything an Atrium instance under test needs; a second instance differs only in its port. */
	public static java.util.Map<String, Object> applicationProperties(int port) {
		SandboxSettings settings = sandbox.settings();
		java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();
		properties.putAll(db.springProperties());
		properties.putAll(redisKeys.springProperties());
		properties.put("server.port", port);
		properties.put("atrium.wechat.api-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.mp-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.open-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.component-app-id", settings.componentAppId());
		properties.put("atrium.wechat.component-secret", settings.componentSecret());
		properties.put("atrium.wechat.component-token", settings.componentToken());
		properties.put("atrium.wechat.component-aes-key", settings.componentAesKey());
		// Short enough that a test can outwait it with a sandbox delay (and inside the sandbox's 5 s push timeout);
		// loopback calls to the sandbox answer in milliseconds.
		properties.put("atrium.wechat.read-timeout", "2s");
		properties.put("atrium.custody.keys.test", "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Q=");
		properties.put("atrium.custody.active-key", "test");
		properties.put("atrium.scheduling.enabled", "false");
		// Tests count refreshes, not latency: 200 threads on a loaded 2-core CI must not time out waiting.
		properties.put("atrium.tokens.max-wait", "30s");
		properties.put("atrium.public-base-url", "http://127.0.0.1:" + port);
		properties.put("atrium.onboarding.state-secret", "test-only-state-secret-0123456789abcdef");
		properties.put("spring.data.redis.client-name", "atrium-test-" + port);
		// Test receivers listen on loopback over plain http; short timeouts keep slow-receiver tests short.
		properties.put("atrium.webhooks.allow-plain-http", "true");
		properties.put("atrium.webhooks.allow-loopback", "true");
		properties.put("atrium.webhooks.timeout", "2s");
		properties.put("atrium.webhooks.connect-timeout", "1s");
		properties.put("atrium.webhooks.sync-budget", "1s");
		return properties;
	}

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	protected TenantRepository tenants;

	@Autowired
	protected AccountAuthorizations authorizations;

	@Autowired
	protected ComponentClient componentClient;

	@Autowired
	protected ComponentTokenManager componentTokens;

	@Autowired
	protected VerifyTicketStore tickets;

	@Autowired
	protected OnboardingService onboarding;

	protected static final MerchantBrowser browser = new MerchantBrowser();

	@BeforeEach
	void startFromNothing() {
		sandbox.reset();
		this.jdbc.sql("truncate authorization_code_claim, onboarding_session, reconcile_finding, authorization_audit, "
				+ "authorizer_import_account, authorizer_import, scheduled_run, "
				+ "official_account, tenant, component_verify_ticket, content_post, content_post_body, content_material, "
				+ "content_sync restart identity cascade").update();
		flushRedis();
	}

	/** Deletes every key of this test's prefix: what a Redis FLUSHALL does to Atrium, without touching others. */
	protected void flushRedis() {
		Set<String> keys = this.redis.keys(redisKeys.keyPrefix() + "*");
		if (keys != null && !keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	/** Has the sandbox push a ticket, the way WeChat does every 10 minutes; the callback stores it. */
	protected void receiveTicket() {
		String ticket = sandbox.pushTicket();
		assertThat(this.tickets.current()).as("the pushed ticket reached the callback")
			.hasValueSatisfying((stored) -> assertThat(stored.ticket()).isEqualTo(ticket));
	}

	/**
	 * Onboards a sandbox account for a tenant as a merchant does it: a link from {@code start}, WeChat's page, the
	 * form with the chosen sets, the redirect back to Atrium. Returns Atrium's return page.
	 */
	protected HttpResponse<String> onboardThroughThePage(long tenantId, String appId, List<Integer> sets) {
		OnboardingLinks links = this.onboarding.start(tenantId);
		HttpResponse<String> confirmed = browser.authorize(links.pcUrl(), appId, sets);
		if (confirmed.statusCode() != 302) {
			throw new IllegalStateException("Authorization page answered " + confirmed.statusCode());
		}
		return browser.get(MerchantBrowser.location(confirmed));
	}

	/** A freepublish call with the token, straight to the sandbox: proves WeChat accepts the token. */
	protected static JsonNode businessCall(String accessToken) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create(sandbox.baseUrl() + "/cgi-bin/freepublish/batchget?access_token=" + accessToken))
					.POST(HttpRequest.BodyPublishers.ofString("{\"offset\":0,\"count\":1,\"no_content\":1}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			return JsonMapper.builder().build().readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Delivers a plaintext as WeChat would (sealed with the component's key), e.g. to retry a failed push. */
	protected static HttpResponse<String> deliver(String plaintext) {
		SandboxSettings settings = sandbox.settings();
		WeChatMessageCrypto crypto = new WeChatMessageCrypto(settings.componentToken(), settings.componentAesKey(),
				settings.componentAppId());
		EncryptedPush push = crypto.seal(plaintext, String.valueOf(sandbox.clock().instant().getEpochSecond()),
				String.valueOf(System.nanoTime()));
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + "/wechat/component/events?"
							+ push.queryString()))
					.header("Content-Type", "text/xml")
					.POST(HttpRequest.BodyPublishers.ofString(push.body()))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A merchant account created in the sandbox, authorized there, and taken into custody for a new tenant the
	 * way onboarding does it (code exchanged, account stored with its sets and refresh token).
	 */
	protected String onboardedAccount(String nickname, Integer... sets) {
		Tenant tenant = this.tenants.create(nickname + " tenant " + Instant.now().toEpochMilli(), null, null, null,
				null);
		return onboardedAccount(tenant.id(), nickname, sets);
	}

	/** An account authorized by the sandbox and assigned to the given tenant. */
	protected String onboardedAccount(long tenantId, String nickname, Integer... sets) {
		String appId = control.createAccount(nickname, List.of(sets));
		String code = control.authorize(appId);
		Authorization authorization = this.componentTokens
			.call((token) -> this.componentClient.queryAuth(token, code));
		this.authorizations.authorize(tenantId, appId, authorization.permissions(),
				authorization.token().refreshToken(), AuthorizerProfile.unknown(), "test");
		return appId;
	}

}

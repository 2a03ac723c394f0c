package io.atrium.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import io.atrium.account.AccountAuthorizations;
import io.atrium.apikey.ApiKeyGrant;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiScope;
import io.atrium.console.security.ConsoleRole;
import io.atrium.console.security.ConsoleUsers;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.ticket.VerifyTicketStore;
import io.atrium.token.wechat.ComponentClient.Authorization;
import io.atrium.token.wechat.ComponentClient.AuthorizerDetails;
import io.atrium.token.wechat.ComponentClient;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Gives the demo something to show: two tenants whose sandbox merchants authorize the platform and are taken into
 * custody the way the tests do it (the merchant authorizes in the sandbox, the code is redeemed with
 * {@code api_query_auth}, the account is stored with its sets and refresh token), and the two fixed, public demo
 * API keys of {@code application-demo.yml}: one platform-wide, one bound to the first tenant, and the demo
 * tenants' merchant users (the operator is the configured initial administrator). A runner, so it is done
 * before the application reports itself ready: health includes the readiness state, so once it is UP the demo's
 * data and keys are there. Each account is retried a few times with growing pauses: on a loaded machine a step
 * (the sandbox's push to this instance's own callback, a token refresh) may time out while the instance is still
 * starting, and that must delay the demo, not abort it.
 */
class DemoCustody implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoCustody.class);

	private static final String ACTOR = "demo";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The sandbox's seeded merchants (wechat-sandbox/README.md, "Demo accounts"), per demo tenant. */
	static final List<DemoTenant> TENANTS = List.of(
			new DemoTenant("星河集团 (demo)", List.of("wx5a7c1e9b3d2f4068", "wx1e3c5a7b9d2f4860")),
			new DemoTenant("山野文化 (demo)", List.of("wx8b2d4f6a1c3e5079")));

	private final DemoSandbox sandbox;

	private final DemoProperties properties;

	private final VerifyTicketStore tickets;

	private final ComponentTokenManager componentTokens;

	private final ComponentClient componentClient;

	private final TenantRepository tenants;

	private final AccountAuthorizations authorizations;

	private final ApiKeyService apiKeys;

	private final ConsoleUsers users;

	private final DemoFleet fleet;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** Five attempts, 1 s, 2 s, 4 s, 8 s apart: about 15 s of patience per account beyond its own time. */
	private final Retry retry = Retry.of("demo-custody", RetryConfig.custom()
		.maxAttempts(5)
		.intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(1), 2))
		.build());

	DemoCustody(DemoSandbox sandbox, DemoProperties properties, VerifyTicketStore tickets,
			ComponentTokenManager componentTokens, ComponentClient componentClient, TenantRepository tenants,
			AccountAuthorizations authorizations, ApiKeyService apiKeys, ConsoleUsers users, DemoFleet fleet,
			Clock clock) {
		this.sandbox = sandbox;
		this.properties = properties;
		this.tickets = tickets;
		this.componentTokens = componentTokens;
		this.componentClient = componentClient;
		this.tenants = tenants;
		this.authorizations = authorizations;
		this.apiKeys = apiKeys;
		this.users = users;
		this.fleet = fleet;
		this.clock = clock;
		this.retry.getEventPublisher()
			.onRetry((event) -> logger.warn("Demo: taking an account into custody failed ({}); attempt {} of 5 in {}",
					(event.getLastThrowable() != null) ? event.getLastThrowable().getClass().getSimpleName() : "?",
					event.getNumberOfRetryAttempts() + 1, event.getWaitInterval()));
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.apiKeys.exists(this.properties.platformApiKey())) {
			return; // A demo database that outlived a restart (configured PostgreSQL): already seeded.
		}
		this.tickets.save(this.sandbox.issueTicket(), this.clock.instant());
		Long firstTenant = null;
		for (DemoTenant demo : TENANTS) {
			Tenant tenant = this.tenants.findByName(demo.name())
				.orElseGet(() -> this.tenants.create(demo.name(), null, null, null, "Demo data"));
			firstTenant = (firstTenant != null) ? firstTenant : tenant.id();
			demo.appIds().forEach((appId) -> this.retry.executeRunnable(() -> takeIntoCustody(tenant, appId)));
		}
		// The demo's keys can do everything their kind may: read content, call any authorizer API through the
		// gateway, borrow tokens (the platform key the component token too).
		this.apiKeys.register("demo platform key", null,
				new ApiKeyGrant(EnumSet.allOf(ApiScope.class), List.of("/cgi-bin/**"), null, null, null),
				this.properties.platformApiKey(), ACTOR);
		this.apiKeys.register("demo tenant key (" + TENANTS.get(0).name() + ")", firstTenant,
				new ApiKeyGrant(EnumSet.of(ApiScope.CONTENT_READ, ApiScope.WECHAT_CALL, ApiScope.TOKEN_LEND),
						List.of("/cgi-bin/**"), null, null, null),
				this.properties.tenantApiKey(), ACTOR);
		for (DemoProperties.MerchantUser user : this.properties.merchantUsers()) {
			Tenant tenant = this.tenants.findByName(user.tenant())
				.orElseThrow(() -> new IllegalStateException("No demo tenant " + user.tenant()));
			this.users.create(user.username(), user.password(), ConsoleRole.MERCHANT, tenant.id());
		}
		logger.info("Demo: {} sandbox accounts in custody for {} tenants; demo API keys are in application-demo.yml",
				TENANTS.stream().mapToInt((tenant) -> tenant.appIds().size()).sum(), TENANTS.size());
		this.fleet.startInBackground(
				(tenant, appId) -> this.retry.executeRunnable(() -> takeIntoCustody(tenant, appId)));
	}

	private void takeIntoCustody(Tenant tenant, String appId) {
		String code = authorizeInSandbox(appId);
		Authorization authorization = this.componentTokens
			.call((token) -> this.componentClient.queryAuth(token, code));
		AuthorizerDetails details = this.componentTokens
			.call((token) -> this.componentClient.authorizerInfo(token, appId));
		this.authorizations.authorize(tenant.id(), appId, authorization.permissions(),
				authorization.token().refreshToken(), details.profile(), ACTOR);
	}

	/** The merchant's click on 「授权」, through the sandbox's control API. */
	private String authorizeInSandbox(String appId) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/accounts/" + appId + "/authorize"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Sandbox refused to authorize " + appId + ": " + response.statusCode());
			}
			return json.readTree(response.body()).path("authorizationCode").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Sandbox unreachable", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record DemoTenant(String name, List<String> appIds) {
	}

}

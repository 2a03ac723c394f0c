package io.atrium.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.TokenServiceTestApplication;
import io.atrium.account.AuthorizerProfile;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.testsupport.Ports;
import io.atrium.testsupport.TestClock;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.authorizer.ProactiveTokenRefresher;
import io.atrium.token.cache.CachedToken;
import io.atrium.token.cache.RefreshSchedule;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.Authorization;
import io.atrium.account.AccountAuthorizations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proactive refresh at a provider's scale, against the sandbox: bounded concurrency, a budget per minute shared
 * by the instances, refresh times spread over the token's lifetime, the schedule rebuilt at the first sweep after a
 * Redis flush, margins that adapt to a short token lifetime, and a verify ticket asked for at start-up.
 */
class ProactiveRefreshIntegrationTests extends SandboxIntegrationTests {

	private static final String AUTHORIZER_TOKEN_API = "/cgi-bin/component/api_authorizer_token";

	private static final String COMPONENT_TOKEN_API = "/cgi-bin/component/api_component_token";

	private static final String START_PUSH_TICKET_API = "/cgi-bin/component/api_start_push_ticket";

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Autowired
	ProactiveTokenRefresher refresher;

	@Autowired
	TokenCache tokenCache;

	@Autowired
	RefreshSchedule schedule;

	@Test
	void aSweepRunsAtMostTheConfiguredNumberOfRefreshesAtOnce() throws Exception {
		receiveTicket();
		List<String> appIds = accountsWithTokens("并发上限小店", 12);
		sandbox.advanceClock(Duration.ofMinutes(105));
		// WeChat holds every refresh until the faults are cleared: the refreshes in flight pile up.
		control.delay(AUTHORIZER_TOKEN_API, 30_000, 100);
		ExecutorService sweeper = Executors.newSingleThreadExecutor();
		try {
			Future<Integer> sweep = sweeper.submit(this.refresher::refreshDue);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (refreshLocksHeld() < 8 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			// Long enough for a ninth to have started if nothing bounded them.
			Thread.sleep(500);
			assertThat(refreshLocksHeld()).as("refreshes in flight at once (atrium.tokens.refresh.concurrency)")
				.isEqualTo(8);
			control.clearFaults();
			assertThat(sweep.get()).as("the 12 accounts and the component").isEqualTo(13);
		}
		finally {
			control.clearFaults();
			sweeper.shutdownNow();
		}
		for (String appId : appIds) {
			assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(2);
		}
	}

	@Test
	void tokensFetchedTogetherComeDueAtSpreadTimesBeforeTheRefreshAheadMargin() {
		receiveTicket();
		Instant fetched = sandbox.clock().instant();
		List<String> appIds = accountsWithTokens("错峰小店", 10);

		Set<Instant> dueTimes = new HashSet<>();
		for (String appId : appIds) {
			TokenSubject subject = TokenSubject.authorizer(appId);
			CachedToken token = this.tokenCache.read(subject).orElseThrow();
			Instant due = this.schedule.dueAt(subject).orElseThrow();
			assertThat(due).isEqualTo(token.refreshAt());
			// 7200 s tokens: valid until 5 min before WeChat's expiry, due 15 min before that, less up to 5 min.
			assertThat(token.validUntil()).isBetween(fetched.plusSeconds(7200 - 300), fetched.plusSeconds(7200 - 300 + 60));
			assertThat(due).isBetween(token.validUntil().minusSeconds(900 + 300), token.validUntil().minusSeconds(900));
			dueTimes.add(due);
		}
		assertThat(dueTimes).as("due times spread, not all alike").hasSizeGreaterThan(5);
	}

	@Test
	void theMinuteBudgetPacesRefreshesAcrossSweeps() {
		receiveTicket();
		List<String> appIds = accountsWithTokens("限额小店", 12);
		sandbox.advanceClock(Duration.ofMinutes(105));
		Map<String, Object> properties = new LinkedHashMap<>(applicationProperties(Ports.free()));
		properties.put("atrium.tokens.refresh.max-per-minute", "5");
		try (ConfigurableApplicationContext limited = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(properties)
			.run()) {
			ProactiveTokenRefresher paced = limited.getBean(ProactiveTokenRefresher.class);
			assertThat(paced.refreshDue()).isEqualTo(5);
			assertThat(paced.refreshDue()).as("the same minute's budget is spent").isZero();
			sandbox.advanceClock(Duration.ofSeconds(60));
			assertThat(paced.refreshDue()).isEqualTo(5);
			sandbox.advanceClock(Duration.ofSeconds(60));
			assertThat(paced.refreshDue()).as("the rest of the 12 accounts and the component").isEqualTo(3);
		}
		for (String appId : appIds) {
			assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(2);
			assertThat(this.tokenCache.read(TokenSubject.authorizer(appId))).isPresent();
		}
	}

	@Test
	void theFirstSweepAfterARedisFlushRebuildsTheScheduleAndRefreshesEveryAccountOnce() {
		receiveTicket();
		List<String> appIds = accountsWithTokens("清空重建小店", 6);
		this.refresher.refreshDue();
		flushRedis();

		// The component token, lost too, is fetched on demand by the first authorizer refresh.
		assertThat(this.refresher.refreshDue()).isEqualTo(6);

		for (String appId : appIds) {
			assertThat(this.tokenCache.read(TokenSubject.authorizer(appId))).isPresent();
			assertThat(this.schedule.dueAt(TokenSubject.authorizer(appId))).isPresent();
			assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(2);
		}
		assertThat(this.refresher.refreshDue()).as("nothing is due any more").isZero();
	}

	@Test
	void withA120SecondLifetimeTokensAreCachedForMostOfItAndRefreshedAheadOfExpiry() {
		SandboxSettings settings = SandboxSettings.defaults()
			.withPort(0)
			.withSeedDemoAccounts(false)
			.withBaseClock(TestClock.base())
			.withTicketPushInterval(Duration.ZERO)
			.withTokenLifetime(Duration.ofSeconds(120));
		int port = Ports.free();
		try (WeChatSandbox shortLived = WeChatSandbox.start(
				settings.withCallbackUrl("http://127.0.0.1:" + port + "/wechat/component/events"))) {
			SandboxControl shortControl = new SandboxControl(shortLived);
			Map<String, Object> properties = new LinkedHashMap<>(applicationProperties(port));
			properties.put("atrium.wechat.api-base-url", shortLived.baseUrl());
			properties.put("atrium.wechat.mp-base-url", shortLived.baseUrl());
			properties.put("atrium.wechat.open-base-url", shortLived.baseUrl());
			try (ConfigurableApplicationContext atrium = new SpringApplicationBuilder(TokenServiceTestApplication.class)
				.properties(properties)
				.run()) {
				// The instance asked for a ticket at start-up; this sandbox pushed one to it.
				assertThat(this.tickets.current()).isPresent();
				String appId = authorized(atrium, shortControl, "短令牌小店");
				AuthorizerTokenManager tokens = atrium.getBean(AuthorizerTokenManager.class);
				int authorizerCalls = shortControl.calls(appId, AUTHORIZER_TOKEN_API);
				int componentCalls = shortControl.calls(COMPONENT_TOKEN_API);

				// A request every 5 s for 100 s: one refresh of each token, not one per request.
				String first = tokens.get(appId);
				for (int second = 5; second <= 100; second += 5) {
					advanceBoth(shortLived, Duration.ofSeconds(5));
					assertThat(tokens.get(appId)).as("cached after %d s", second).isEqualTo(first);
				}
				assertThat(shortControl.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(authorizerCalls + 1);
				assertThat(shortControl.calls(COMPONENT_TOKEN_API)).isEqualTo(componentCalls);

				// Due 20 s (a sixth) before it counts as expired, 10 s (a twelfth) before WeChat's expiry, less up
				// to 5 s: at 100 s the sweep refreshes it, and callers never wait.
				long callersBefore = atrium.getBean(TokenCache.class).callerRefreshes();
				assertThat(atrium.getBean(ProactiveTokenRefresher.class).refreshDue()).isGreaterThanOrEqualTo(1);
				advanceBoth(shortLived, Duration.ofSeconds(15));
				assertThat(tokens.get(appId)).isNotEqualTo(first);
				assertThat(atrium.getBean(TokenCache.class).callerRefreshes()).isEqualTo(callersBefore);
				assertThat(shortControl.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(authorizerCalls + 2);
			}
		}
	}

	@Test
	void anInstanceStartingWithoutATicketAsksWeChatForOneAndInstancesStartingTogetherAskOnce() {
		assertThat(this.tickets.current()).isEmpty();
		int asked = control.calls(START_PUSH_TICKET_API);

		try (ConfigurableApplicationContext second = start()) {
			assertThat(control.calls(START_PUSH_TICKET_API)).isEqualTo(asked + 1);
			// The sandbox pushed a ticket to the auth-event URL, which stored it.
			assertThat(this.tickets.current()).isPresent();

			try (ConfigurableApplicationContext third = start()) {
				assertThat(control.calls(START_PUSH_TICKET_API)).as("a valid ticket: nothing to ask").isEqualTo(asked + 1);
			}
			// The ticket is lost again, and another instance starts within the minute: WeChat is not asked again.
			this.jdbc.sql("truncate component_verify_ticket").update();
			this.redis.delete(redisKeys.keyPrefix() + "verify-ticket:" + sandbox.settings().componentAppId());
			assertThat(this.tickets.current()).isEmpty();
			try (ConfigurableApplicationContext fourth = start()) {
				assertThat(control.calls(START_PUSH_TICKET_API)).isEqualTo(asked + 1);
			}
			sandbox.advanceClock(Duration.ofSeconds(61));
			try (ConfigurableApplicationContext fifth = start()) {
				assertThat(control.calls(START_PUSH_TICKET_API)).isEqualTo(asked + 2);
			}
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(applicationProperties(Ports.free()))
			.run();
	}

	/** Accounts authorized and taken into custody, each with its first token fetched (and scheduled). */
	private List<String> accountsWithTokens(String nickname, int count) {
		List<String> appIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String appId = onboardedAccount(nickname + " " + i, 1, 7);
			this.authorizerTokens.get(appId);
			appIds.add(appId);
		}
		return appIds;
	}

	private int refreshLocksHeld() {
		Set<String> locks = this.redis.keys(redisKeys.keyPrefix() + "{authorizer:*}:lock");
		return (locks != null) ? locks.size() : 0;
	}

	/** The second sandbox and the instance's clock (the first sandbox's) move together. */
	private static void advanceBoth(WeChatSandbox other, Duration amount) {
		sandbox.advanceClock(amount);
		other.advanceClock(amount);
	}

	/** An account of the given sandbox, authorized there and taken into custody by the given instance. */
	private static String authorized(ConfigurableApplicationContext atrium, SandboxControl sandboxControl,
			String nickname) {
		String appId = sandboxControl.createAccount(nickname, List.of(1, 7));
		String code = sandboxControl.authorize(appId);
		ComponentClient client = atrium.getBean(ComponentClient.class);
		Authorization authorization = atrium.getBean(ComponentTokenManager.class)
			.call((token) -> client.queryAuth(token, code));
		Tenant tenant = atrium.getBean(TenantRepository.class).create(nickname + " tenant", null, null, null, null);
		atrium.getBean(AccountAuthorizations.class)
			.authorize(tenant.id(), appId, authorization.permissions(), authorization.token().refreshToken(),
					AuthorizerProfile.unknown(), "test");
		return appId;
	}

}

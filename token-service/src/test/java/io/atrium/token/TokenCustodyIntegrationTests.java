package io.atrium.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.testsupport.Ports;
import io.atrium.TokenServiceTestApplication;
import io.atrium.account.AccountStatus;
import io.atrium.account.AuditAction;
import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.authorizer.ProactiveTokenRefresher;
import io.atrium.token.cache.CachedToken;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSource.FreshToken;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.component.TicketHealth;
import io.atrium.token.component.TicketUnavailableException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Token custody against the sandbox: single flight, healing, recovery, Redis loss and proactive refresh.
 */
@Tag(TestRedis.TAG)
class TokenCustodyIntegrationTests extends SandboxIntegrationTests {

	private static final String AUTHORIZER_TOKEN_API = "/cgi-bin/component/api_authorizer_token";

	private static final String COMPONENT_TOKEN_API = "/cgi-bin/component/api_component_token";

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Autowired
	ProactiveTokenRefresher refresher;

	@Autowired
	TokenCache tokenCache;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	AuthorizationAuditLog audit;

	@Autowired
	TicketHealth ticketHealth;

	@Test
	void tokensAreFetchedOnceAndThenServedFromTheCache() {
		receiveTicket();
		String appId = onboardedAccount("缓存小店", 1, 7, 11);
		String componentCallsBefore = "" + control.calls(sandbox.settings().componentAppId(), COMPONENT_TOKEN_API);

		String first = this.authorizerTokens.get(appId);
		for (int i = 0; i < 20; i++) {
			assertThat(this.authorizerTokens.get(appId)).isEqualTo(first);
		}

		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(1);
		assertThat("" + control.calls(sandbox.settings().componentAppId(), COMPONENT_TOKEN_API))
			.isEqualTo(componentCallsBefore);
		assertThat(businessCall(first).has("errcode")).isFalse();
	}

	@Test
	void aTokenReadByTheCallersOwnScriptIsUsedWhileValidAndLookedUpAgainOtherwise() {
		receiveTicket();
		String appId = onboardedAccount("一趟小店", 1, 7);
		String current = this.authorizerTokens.get(appId);
		int calls = control.calls(appId, AUTHORIZER_TOKEN_API);
		String cached = this.redis.opsForValue().get(this.authorizerTokens.cacheKey(appId));

		assertThat(this.authorizerTokens.get(appId, cached)).isEqualTo(current);
		// Nothing read, or a token past its validity: looked up again under the refresh lock, where the cache's
		// valid token is found, and WeChat is not asked.
		assertThat(this.authorizerTokens.get(appId, null)).isEqualTo(current);
		assertThat(this.authorizerTokens.get(appId, "1000,0|an-expired-token")).isEqualTo(current);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(calls);

		this.redis.delete(this.authorizerTokens.cacheKey(appId));
		String refreshed = this.authorizerTokens.get(appId, null);
		assertThat(refreshed).isNotEqualTo(current);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(calls + 1);
		assertThat(businessCall(refreshed).has("errcode")).isFalse();
	}

	@Test
	void twoInstancesAnd200CallersAtExpiryRefreshEachTokenExactlyOnce() throws Exception {
		receiveTicket();
		String appId = onboardedAccount("并发小店", 1, 7, 11);
		String before = this.authorizerTokens.get(appId);
		int componentCalls = control.calls(COMPONENT_TOKEN_API);
		int authorizerCalls = control.calls(appId, AUTHORIZER_TOKEN_API);
		// Past every token's validity; the ticket (12 h) still works.
		sandbox.advanceClock(Duration.ofHours(2));

		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(applicationProperties(Ports.free()))
			.run()) {
			List<AuthorizerTokenManager> instances = List.of(this.authorizerTokens,
					second.getBean(AuthorizerTokenManager.class));
			Set<String> seen = ConcurrentHashMap.newKeySet();
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService callers = Executors.newFixedThreadPool(200);
			try {
				List<Future<String>> results = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					AuthorizerTokenManager instance = instances.get(i % 2);
					Callable<String> caller = () -> {
						start.await();
						return instance.get(appId);
					};
					results.add(callers.submit(caller));
				}
				start.countDown();
				for (Future<String> result : results) {
					seen.add(result.get());
				}
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(seen).singleElement().isNotEqualTo(before);
			assertThat(businessCall(seen.iterator().next()).has("errcode")).isFalse();
		}
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(authorizerCalls + 1);
		assertThat(control.calls(COMPONENT_TOKEN_API)).isEqualTo(componentCalls + 1);
	}

	@Test
	void tokenInvalidatedUpstreamHealsWithOneRefresh() {
		receiveTicket();
		String appId = onboardedAccount("失效小店", 1, 7);
		String failed = this.authorizerTokens.get(appId);
		control.invalidateTokens(appId);
		assertThat(businessCall(failed).path("errcode").asInt()).isEqualTo(40001);
		int calls = control.calls(appId, AUTHORIZER_TOKEN_API);

		String healed = this.authorizerTokens.refreshAfterFailure(appId, failed);
		// A second caller reporting the same old token must not evict the fresh one.
		assertThat(this.authorizerTokens.refreshAfterFailure(appId, failed)).isEqualTo(healed);

		assertThat(healed).isNotEqualTo(failed);
		assertThat(businessCall(healed).has("errcode")).isFalse();
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API)).isEqualTo(calls + 1);
	}

	@Test
	void staleRefreshTokenInPostgresIsRecoveredFromTheAuthorizerList() {
		receiveTicket();
		String appId = onboardedAccount("恢复小店", 1, 7);
		String good = this.accounts.findRefreshToken(appId).orElseThrow();
		this.authorizations.recordRefreshToken(appId, "refreshtoken@@@stale-copy", "test");

		String token = this.authorizerTokens.get(appId);

		assertThat(businessCall(token).has("errcode")).isFalse();
		assertThat(this.accounts.findRefreshToken(appId)).contains(good);
		assertThat(this.accounts.findById(appId).orElseThrow().status()).isEqualTo(AccountStatus.AUTHORIZED);
		assertThat(this.audit.history(appId, 1).get(0).action()).isEqualTo(AuditAction.REFRESH_TOKEN_RESTORED);
	}

	@Test
	void redisFlushedMidRunLosesNothing() {
		receiveTicket();
		String appId = onboardedAccount("清空小店", 1, 7);
		String before = this.authorizerTokens.get(appId);
		String refreshToken = this.accounts.findRefreshToken(appId).orElseThrow();

		flushRedis();

		String after = this.authorizerTokens.get(appId);
		assertThat(after).isNotEqualTo(before);
		assertThat(businessCall(after).has("errcode")).isFalse();
		assertThat(this.accounts.findRefreshToken(appId)).contains(refreshToken);
		assertThat(this.accounts.findById(appId).orElseThrow().status()).isEqualTo(AccountStatus.AUTHORIZED);
	}

	@Test
	void proactiveRefreshKeepsTokensValidForThreeHoursWithoutCallersWaiting() {
		receiveTicket();
		String appId = onboardedAccount("常新小店", 1, 7);
		this.authorizerTokens.get(appId);
		long waitsBefore = this.tokenCache.callerRefreshes();
		int refreshesBefore = control.calls(appId, AUTHORIZER_TOKEN_API);

		for (int step = 0; step < 18; step++) {
			sandbox.advanceClock(Duration.ofMinutes(10));
			this.refresher.refreshDue();
			String token = this.authorizerTokens.get(appId);
			assertThat(businessCall(token).has("errcode")).as("token valid after %d minutes", (step + 1) * 10)
				.isFalse();
		}

		assertThat(this.tokenCache.callerRefreshes()).isEqualTo(waitsBefore);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN_API) - refreshesBefore).isBetween(1, 2);
	}

	@Test
	void withoutATicketTheComponentTokenFailsFastAndAsksWeChatToPushOne() {
		int pushRequests = control.calls("/cgi-bin/component/api_start_push_ticket");

		assertThatExceptionOfType(TicketUnavailableException.class).isThrownBy(this.componentTokens::get);

		assertThat(control.calls("/cgi-bin/component/api_start_push_ticket")).isEqualTo(pushRequests + 1);
	}

	@Test
	void whileNoTicketComesWeChatIsAskedToPushOnceAMinuteNotOnceACaller() {
		// WeChat does not manage to push (the request itself fails), so every caller keeps finding no ticket.
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", "/cgi-bin/component/api_start_push_ticket")
			.put("errcode", -1));
		int pushRequests = control.calls("/cgi-bin/component/api_start_push_ticket");

		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(TicketUnavailableException.class).isThrownBy(this.componentTokens::get);
		}
		assertThat(control.calls("/cgi-bin/component/api_start_push_ticket")).isEqualTo(pushRequests + 1);

		sandbox.advanceClock(Duration.ofSeconds(61));
		assertThatExceptionOfType(TicketUnavailableException.class).isThrownBy(this.componentTokens::get);
		assertThat(control.calls("/cgi-bin/component/api_start_push_ticket")).isEqualTo(pushRequests + 2);
	}

	@Test
	void aRefreshThatOutlivedItsLockDoesNotOverwriteTheTokenOfTheRefreshThatTookOver() {
		TokenSubject subject = TokenSubject.authorizer("wx00000000000000aa");
		String lockKey = redisKeys.keyPrefix() + "{" + subject.tag() + "}:lock";
		String tokenKey = redisKeys.keyPrefix() + "{" + subject.tag() + "}:access-token";
		long validUntil = sandbox.clock().instant().plus(Duration.ofHours(1)).toEpochMilli();

		CachedToken mine = this.tokenCache.get(subject, () -> {
			// Our lease lapses mid-fetch; another instance takes the lock and caches its newer token.
			this.redis.opsForValue().set(lockKey, "another-instance");
			this.redis.opsForValue().set(tokenKey, validUntil + "|newer-token");
			return new FreshToken("older-token", Duration.ofHours(2));
		});

		assertThat(mine.token()).isEqualTo("older-token");
		assertThat(this.tokenCache.read(subject)).map(CachedToken::token).contains("newer-token");
		assertThat(this.redis.opsForValue().get(lockKey)).as("the other instance's lock is left alone")
			.isEqualTo("another-instance");
	}

	@Test
	void healthWarnsWhenNoTicketWasPushedForTwentyMinutes() {
		receiveTicket();
		assertThat(this.ticketHealth.health().getStatus().getCode()).isEqualTo("UP");

		sandbox.pauseTicketPushes();
		sandbox.advanceClock(Duration.ofMinutes(21));

		Health health = this.ticketHealth.health();
		assertThat(health.getStatus().getCode()).isEqualTo("WARNING");
		assertThat(health.getDetails()).containsEntry("problem", "no ticket push for more than 20 minutes")
			.containsEntry("ageSeconds", 21L * 60);
		assertThat(health.getDetails().values()).noneMatch((value) -> value.toString().contains("ticket@@@"));
	}

	@Test
	void ticketRefusedByWeChatAsksForAPushShowsInHealthAndRecoversWithTheNextTicket() {
		receiveTicket();
		// The ticket's arrival cached a component token; without it the next caller must refresh.
		flushRedis();
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", COMPONENT_TOKEN_API)
			.put("errcode", 61005)
			.put("times", 1));
		int pushRequests = control.calls("/cgi-bin/component/api_start_push_ticket");

		assertThatExceptionOfType(TicketUnavailableException.class).isThrownBy(this.componentTokens::get);
		assertThat(control.calls("/cgi-bin/component/api_start_push_ticket")).isEqualTo(pushRequests + 1);
		assertThat(this.ticketHealth.health().getStatus().getCode()).isEqualTo("WARNING");
		assertThat(this.ticketHealth.health().getDetails().get("problem").toString()).contains("61005");

		receiveTicket();
		assertThat(this.componentTokens.get()).isNotBlank();
		assertThat(this.ticketHealth.health().getStatus().getCode()).isEqualTo("UP");
	}

	@Test
	void aTicketRefusalOnOneInstanceShowsOnEveryInstanceAndAnAcceptanceOnAnotherClearsIt() {
		receiveTicket();
		flushRedis();
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", COMPONENT_TOKEN_API)
			.put("errcode", 61005)
			.put("times", 1));
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(applicationProperties(Ports.free()))
			.run()) {
			TicketHealth secondHealth = second.getBean(TicketHealth.class);
			assertThatExceptionOfType(TicketUnavailableException.class)
				.isThrownBy(second.getBean(ComponentTokenManager.class)::get);

			assertThat(this.ticketHealth.health().getStatus().getCode()).as("the instance that was not refused")
				.isEqualTo("WARNING");
			assertThat(this.ticketHealth.health().getDetails().get("problem").toString()).contains("61005");
			assertThat(secondHealth.health().getStatus().getCode()).isEqualTo("WARNING");

			// The next ticket arrives at this instance, which fetches a component token with it.
			receiveTicket();

			assertThat(this.ticketHealth.health().getStatus().getCode()).isEqualTo("UP");
			assertThat(secondHealth.health().getStatus().getCode()).as("cleared for the refused instance too")
				.isEqualTo("UP");
		}
	}

	@Test
	void twoInstancesSweepingTogetherRefreshEachDueTokenOnce() throws Exception {
		receiveTicket();
		List<String> appIds = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			appIds.add(onboardedAccount("定时小店 " + i, 1, 7));
			this.authorizerTokens.get(appIds.get(i));
		}
		List<Integer> before = appIds.stream().map((appId) -> control.calls(appId, AUTHORIZER_TOKEN_API)).toList();
		// Past the due time (validity minus refresh-ahead), not past validity.
		sandbox.advanceClock(Duration.ofMinutes(105));

		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(applicationProperties(Ports.free()))
			.run()) {
			ProactiveTokenRefresher other = second.getBean(ProactiveTokenRefresher.class);
			ExecutorService sweepers = Executors.newFixedThreadPool(2);
			try {
				Future<Integer> mine = sweepers.submit(this.refresher::refreshDue);
				Future<Integer> theirs = sweepers.submit(other::refreshDue);
				// Each due subject (six authorizers and the component) is claimed by exactly one instance.
				assertThat(mine.get() + theirs.get()).isEqualTo(7);
			}
			finally {
				sweepers.shutdownNow();
			}
		}
		for (int i = 0; i < appIds.size(); i++) {
			assertThat(control.calls(appIds.get(i), AUTHORIZER_TOKEN_API)).isEqualTo(before.get(i) + 1);
		}
		assertThat(this.refresher.refreshDue()).isZero();
	}

	@Test
	void aRefreshInFlightWhenTheAccountIsRevokedDoesNotCacheItsToken() throws Exception {
		receiveTicket();
		String appId = onboardedAccount("撤销竞态小店", 1, 7);
		TokenSubject subject = TokenSubject.authorizer(appId);
		// Past the token's validity, so that the next caller refreshes; WeChat takes its time answering.
		sandbox.advanceClock(Duration.ofMinutes(119));
		control.delay("/cgi-bin/component/api_authorizer_token", 1500, 1);
		String lock = redisKeys.keyPrefix() + "{" + subject.tag() + "}:lock";
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try {
			Future<String> inFlight = caller.submit(() -> this.authorizerTokens.get(appId));
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (!Boolean.TRUE.equals(this.redis.hasKey(lock)) && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(this.redis.hasKey(lock)).as("the refresh is in flight").isTrue();

			// What the unauthorized push does, while WeChat is still answering the refresh.
			this.authorizations.revoke(appId, "wechat:unauthorized");
			this.authorizerTokens.evict(appId);

			assertThat(inFlight.get()).as("the caller that asked before the revocation gets its answer").isNotBlank();
		}
		finally {
			caller.shutdownNow();
		}
		assertThat(this.tokenCache.read(subject)).as("no token is cached for a revoked account").isEmpty();
		assertThatExceptionOfType(AccountNotAuthorizedException.class)
			.isThrownBy(() -> this.authorizerTokens.get(appId));
	}


	@Test
	void countsTheSubjectsWithoutAValidCachedTokenInBatches() {
		receiveTicket();
		String cached = onboardedAccount("有令牌小店", 1, 7);
		String evicted = onboardedAccount("无令牌小店", 1, 7);
		this.authorizerTokens.evict(evicted);
		List<TokenSubject> subjects = new ArrayList<>(List.of(TokenSubject.authorizer(cached),
				TokenSubject.authorizer(evicted), TokenSubject.authorizer("wx00000000000000cc")));
		// More than one MGET's worth, all valid.
		for (int i = 0; i < 1001; i++) {
			TokenSubject subject = TokenSubject.authorizer(String.format("wx%016x", i + 1));
			this.tokenCache.store(subject, new FreshToken("token-" + i, Duration.ofHours(2)));
			subjects.add(subject);
		}

		assertThat(this.tokenCache.countWithoutValidToken(subjects)).isEqualTo(2);

		sandbox.advanceClock(Duration.ofMinutes(116));
		assertThat(this.tokenCache.countWithoutValidToken(subjects)).as("past the safety margin, none is valid")
			.isEqualTo(subjects.size());
	}

}

package io.atrium.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.Tenant;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.authorizer.ProactiveTokenRefresher;
import io.atrium.token.cache.FailingTokens;
import io.atrium.token.cache.RefreshOutcomes;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenHealth;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.wechat.WeChatApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Token health as operators see it: the last refresh, the last failure and its reason, the platform's failing
 * tokens, the overdue refreshes. Failures are WeChat's (injected in the sandbox); time is the sandbox's clock.
 */
@Tag(TestRedis.TAG)
class TokenHealthIntegrationTests extends SandboxIntegrationTests {

	private static final String AUTHORIZER_TOKEN_API = "/cgi-bin/component/api_authorizer_token";

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Autowired
	TokenCache tokenCache;

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	ProactiveTokenRefresher refresher;

	@Autowired
	RefreshOutcomes outcomes;

	@Test
	void onboardingsFirstTokenCountsAsARefresh() {
		receiveTicket();
		Tenant tenant = this.tenants.create("健康小店 tenant", null, null, null, null);
		String appId = control.createAccount("健康小店", List.of(1, 7));
		Instant before = sandbox.clock().instant();

		assertThat(onboardThroughThePage(tenant.id(), appId, List.of(1, 7)).statusCode()).isEqualTo(200);

		TokenHealth health = this.tokenCache.health(TokenSubject.authorizer(appId));
		assertThat(health.lastRefreshedAt()).isBetween(before, sandbox.clock().instant());
		assertThat(health.lastFailedAt()).isNull();
		assertThat(health.lastFailure()).isNull();
		assertThat(health.failing()).isFalse();
	}

	@Test
	void aRefreshWeChatRefusesIsFailingUntilTheNextRefreshWhichKeepsTheLastError() {
		receiveTicket();
		String appId = onboardedAccount("失败小店", 1, 7);
		TokenSubject subject = TokenSubject.authorizer(appId);
		List<String> secrets = new ArrayList<>(List.of(sandbox.settings().componentSecret(),
				this.componentTokens.get(), this.accounts.findRefreshToken(appId).orElseThrow()));
		secrets.add(this.authorizerTokens.get(appId));
		// Past the token's validity, so that the next caller refreshes; WeChat is busy once.
		sandbox.advanceClock(Duration.ofMinutes(119));
		fault(appId, -1);
		Instant beforeFailure = sandbox.clock().instant();

		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.get(appId));

		TokenHealth failed = this.tokenCache.health(subject);
		assertThat(failed.lastFailedAt()).isBetween(beforeFailure, sandbox.clock().instant());
		assertThat(failed.lastFailure()).startsWith("api_authorizer_token errcode -1: system error");
		assertThat(failed.failing()).isTrue();
		FailingTokens failing = this.tokenCache.failing(20);
		assertThat(failing.count()).isOne();
		assertThat(failing.longest()).containsExactly(new FailingTokens.Entry(subject, failed.lastFailedAt()));

		sandbox.advanceClock(Duration.ofMinutes(1));
		Instant beforeRefresh = sandbox.clock().instant();
		secrets.add(this.authorizerTokens.get(appId));
		secrets.add(this.accounts.findRefreshToken(appId).orElseThrow());

		TokenHealth healed = this.tokenCache.health(subject);
		assertThat(healed.lastRefreshedAt()).isBetween(beforeRefresh, sandbox.clock().instant());
		assertThat(healed.failing()).isFalse();
		assertThat(healed.lastFailedAt()).as("the last error is kept").isEqualTo(failed.lastFailedAt());
		assertThat(healed.lastFailure()).isEqualTo(failed.lastFailure());
		assertThat(this.tokenCache.failing(20)).isEqualTo(new FailingTokens(0, List.of()));
		assertThat(healthRecords(subject)).isNotEmpty()
			.allSatisfy((text) -> assertThat(text).doesNotContain(secrets.toArray(String[]::new)));
	}

	@Test
	void countsRefreshesPerWeChatDayByOutcomeWithoutNamingTheAccount() {
		receiveTicket();
		String appId = onboardedAccount("计数小店", 1, 7);
		LocalDate firstDay = this.outcomes.today();
		Map<String, Long> before = refreshes(firstDay, firstDay.plusDays(1));
		sandbox.advanceClock(Duration.ofMinutes(119));
		fault(appId, -1);
		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.get(appId));
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", AUTHORIZER_TOKEN_API)
			.put("appid", appId)
			.put("httpStatus", 503)
			.put("times", 1));
		assertThatExceptionOfType(WeChatUnavailableException.class)
			.isThrownBy(() -> this.authorizerTokens.get(appId));
		this.authorizerTokens.get(appId);

		// The test may cross midnight in China (the clock moved two hours): both days are summed.
		Map<String, Long> after = refreshes(firstDay, firstDay.plusDays(1));
		assertThat(delta(before, after, "authorizer:errcode--1")).isOne();
		assertThat(delta(before, after, "authorizer:no-answer")).isOne();
		assertThat(delta(before, after, "authorizer:ok")).as("this refresh, and any the schedule made meanwhile")
			.isPositive();
		assertThat(after.keySet()).allSatisfy((field) -> assertThat(field).matches(
				"(component|authorizer):(ok|no-answer|other|errcode--?[0-9]+)").doesNotContain(appId));
	}

	@Test
	void whenWeChatDoesNotAnswerTheReasonIsAtriumsOwnWords() {
		receiveTicket();
		String appId = onboardedAccount("无应答小店", 1, 7);
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", AUTHORIZER_TOKEN_API)
			.put("appid", appId)
			.put("httpStatus", 503)
			.put("times", 1));

		assertThatExceptionOfType(WeChatUnavailableException.class)
			.isThrownBy(() -> this.authorizerTokens.get(appId));

		assertThat(this.tokenCache.health(TokenSubject.authorizer(appId)).lastFailure()).isEqualTo("HTTP 503");
	}

	@Test
	void anyOtherFailureIsRecordedByItsKindNeverByItsMessage() {
		TokenSubject subject = TokenSubject.authorizer("wx00000000000000bb");
		String secret = "ACCESS-TOKEN-IN-A-URL";

		assertThatIllegalStateException().isThrownBy(() -> this.tokenCache.get(subject, () -> {
			throw new IllegalStateException("GET https://api.weixin.qq.com/cgi-bin/x?access_token=" + secret);
		}));

		assertThat(this.tokenCache.health(subject).lastFailure()).isEqualTo("IllegalStateException");
		assertThat(healthRecords(subject)).isNotEmpty().allSatisfy((text) -> assertThat(text).doesNotContain(secret));
	}

	@Test
	void anAccountARefreshFindsNoLongerAuthorizedIsNotLeftFailing() {
		receiveTicket();
		String appId = onboardedAccount("撤销小店", 1, 7);
		TokenSubject subject = TokenSubject.authorizer(appId);
		fault(appId, -1);
		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.get(appId));
		assertThat(this.tokenCache.failing(20).count()).isOne();
		// Revoked without the push (which would evict at once): the next refresh is the first to find out.
		this.authorizations.revoke(appId, "test");

		assertThatExceptionOfType(AccountNotAuthorizedException.class)
			.isThrownBy(() -> this.authorizerTokens.get(appId));

		assertThat(this.tokenCache.failing(20).count()).isZero();
		assertThat(this.tokenCache.health(subject).lastFailure()).as("the last error stays on record")
			.isEqualTo("AccountNotAuthorizedException");
	}

	@Test
	void theScheduleRepairForgetsFailingAccountsThatAreNoLongerAuthorized() {
		receiveTicket();
		String revoked = onboardedAccount("撤销小店", 1, 7);
		String failing = onboardedAccount("仍失败小店", 1, 7);
		fault(revoked, -1);
		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.refreshNow(revoked));
		fault(failing, -1);
		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.refreshNow(failing));
		// Revoked while the write that forgets it is lost: nothing else would take it off the failing list.
		this.authorizations.revoke(revoked, "test");
		assertThat(this.tokenCache.failing(20).count()).isEqualTo(2);

		this.refresher.repairSchedule();

		assertThat(this.tokenCache.failing(20).longest()).extracting(FailingTokens.Entry::subject)
			.containsExactly(TokenSubject.authorizer(failing));
	}

	@Test
	void aRedisErrorWhileRecordingHealthDoesNotFailTheRefresh() {
		receiveTicket();
		String appId = onboardedAccount("记录失败小店", 1, 7);
		// Keys of the wrong type make Redis refuse both health writes (WRONGTYPE), as a real Redis error would.
		this.redis.opsForValue().set(healthKey(TokenSubject.authorizer(appId)), "not a hash");
		this.redis.opsForValue().set(redisKeys.keyPrefix() + "failing-tokens", "not a sorted set");

		String token = this.authorizerTokens.get(appId);

		assertThat(businessCall(token).has("errcode")).isFalse();
		assertThat(this.tokenCache.read(TokenSubject.authorizer(appId))).isPresent();
	}

	@Test
	void aRedisErrorWhileRecordingAFailureLetsWeChatsErrorThrough() {
		receiveTicket();
		String appId = onboardedAccount("记录失败小店", 1, 7);
		this.redis.opsForValue().set(healthKey(TokenSubject.authorizer(appId)), "not a hash");
		this.redis.opsForValue().set(redisKeys.keyPrefix() + "failing-tokens", "not a sorted set");
		sandbox.advanceClock(Duration.ofMinutes(119));
		fault(appId, 61004);

		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.get(appId))
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(61004));
	}

	@Test
	void anOperatorsRefreshNowThatFailsAgainKeepsWhenTheFailingBegan() {
		receiveTicket();
		String appId = onboardedAccount("重试小店", 1, 7);
		TokenSubject subject = TokenSubject.authorizer(appId);
		fault(appId, -1);
		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.refreshNow(appId));
		Instant began = this.tokenCache.health(subject).lastFailedAt();
		sandbox.advanceClock(Duration.ofMinutes(2));
		fault(appId, -1);

		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.authorizerTokens.refreshNow(appId));

		assertThat(this.tokenCache.health(subject).lastFailedAt()).isAfter(began);
		assertThat(this.tokenCache.failing(20).longest()).containsExactly(new FailingTokens.Entry(subject, began));

		this.authorizerTokens.refreshNow(appId);

		assertThat(this.tokenCache.failing(20).count()).isZero();
		assertThat(this.tokenCache.health(subject).failing()).isFalse();
	}

	@Test
	void refreshesMoreThanFiveMinutesPastDueAreOverdueUntilASweepRefreshesThem() {
		// Due at 1 h 35 min to 1 h 40 min (the refresh spread): the component token (cached when the ticket arrived)
		// and A's now, B's 30 min later.
		receiveTicket();
		String a = onboardedAccount("早到期小店", 1, 7);
		this.authorizerTokens.get(a);
		sandbox.advanceClock(Duration.ofMinutes(30));
		String b = onboardedAccount("晚到期小店", 1, 7);
		this.authorizerTokens.get(b);
		assertThat(this.tokenCache.overdueRefreshes()).isZero();

		sandbox.advanceClock(Duration.ofMinutes(68));
		assertThat(this.tokenCache.overdueRefreshes()).as("at most 3 minutes past due is within the grace").isZero();

		sandbox.advanceClock(Duration.ofMinutes(9));
		assertThat(this.tokenCache.overdueRefreshes()).as("the component's and A's, not B's").isEqualTo(2);

		assertThat(this.refresher.refreshDue()).isEqualTo(2);
		assertThat(this.tokenCache.overdueRefreshes()).isZero();
	}

	private Map<String, Long> refreshes(LocalDate... days) {
		Map<String, Long> sum = new HashMap<>();
		for (LocalDate day : days) {
			this.outcomes.counts(day).forEach((field, count) -> sum.merge(field, count, Long::sum));
		}
		return sum;
	}

	private static long delta(Map<String, Long> before, Map<String, Long> after, String field) {
		return after.getOrDefault(field, 0L) - before.getOrDefault(field, 0L);
	}

	private static void fault(String appId, int errcode) {
		control.post("/sandbox/faults", JsonMapper.builder().build().createObjectNode()
			.put("endpoint", AUTHORIZER_TOKEN_API)
			.put("appid", appId)
			.put("errcode", errcode)
			.put("times", 1));
	}

	/** Everything the health records hold about a subject, as text: its hash and the failing set's members. */
	private List<String> healthRecords(TokenSubject subject) {
		List<String> texts = new ArrayList<>();
		Map<Object, Object> hash = this.redis.opsForHash().entries(healthKey(subject));
		hash.forEach((field, value) -> texts.add(field + "=" + value));
		Set<String> failing = this.redis.opsForZSet().range(redisKeys.keyPrefix() + "failing-tokens", 0, -1);
		if (failing != null) {
			texts.addAll(failing);
		}
		return texts;
	}

	private static String healthKey(TokenSubject subject) {
		return redisKeys.keyPrefix() + "{" + subject.tag() + "}:health";
	}

}

package io.atrium.content;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.atrium.testsupport.TestRedis;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.OpenBreaker;
import io.atrium.upstream.RateLimitedException;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamError;
import io.atrium.upstream.UpstreamUsage.AccountCount;
import io.atrium.upstream.UpstreamUsage.ErrorCount;
import io.atrium.wechat.WeChatApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The operations read model after real calls against the sandbox: calls per API today are the calls the sandbox
 * counted, upstream errors carry WeChat's rid, and a 45009 shows the breaker open until the next Shanghai midnight.
 */
@Tag(TestRedis.TAG)
class ContentOperationsTests extends ContentIntegrationTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final String RID = "[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}";

	private static final TenantScope platform = TenantScope.platform();

	@Autowired
	ContentService content;

	@Autowired
	ContentOperations operations;

	@Test
	void countsEveryCallPerApiAsTheSandboxCountedItAndShowsWhatTheLimiterHasLeft() {
		String appId = onboardedAccount("星河咖啡", 7, 11);
		PublishedPage page = null;
		for (int i = 0; i < 3; i++) {
			page = this.content.publishedPage(platform, appId, 0, 2, false);
		}
		this.content.publishedArticle(platform, appId, page.item().get(0).articleId());
		this.content.materialCount(platform, appId);
		this.content.materialCount(platform, appId);

		AccountOperations operations = this.operations.account(platform, appId);

		assertThat(operations.day()).isEqualTo(LocalDate.ofInstant(sandbox.clock().instant(), SHANGHAI));
		assertThat(operations.api(BATCHGET).callsToday()).isEqualTo(3).isEqualTo(control.calls(appId, BATCHGET));
		assertThat(operations.api(GETARTICLE).callsToday()).isEqualTo(1).isEqualTo(control.calls(appId, GETARTICLE));
		assertThat(operations.api(MATERIAL_COUNT).callsToday()).isEqualTo(2)
			.isEqualTo(control.calls(appId, MATERIAL_COUNT));
		assertThat(operations.api(MATERIALS).callsToday()).isZero();
		assertThat(operations.callsToday()).isEqualTo(6);
		// The tests allow 5 material counts a minute; 2 taken, and a token comes back only every 12 s.
		assertThat(operations.api(MATERIAL_COUNT).perMinuteLimit()).isEqualTo(5);
		assertThat(operations.api(MATERIAL_COUNT).availableCalls()).isEqualTo(3);
		assertThat(operations.api(BATCHGET).availableCalls()).isBetween(50L, 57L);
		assertThat(operations.api(MATERIALS).availableCalls()).as("an untouched bucket is full").isEqualTo(60);
		assertThat(operations.apis()).allSatisfy((api) -> assertThat(api.breaker()).isNull());
		assertThat(operations.recentErrors()).isEmpty();
		// The page of every account reads the same figures in a few pipelined round trips.
		assertThat(this.operations.accounts(platform)).singleElement().satisfies((listed) -> {
			assertThat(listed.appId()).isEqualTo(appId);
			assertThat(listed.callsToday()).isEqualTo(6);
			assertThat(listed.api(MATERIAL_COUNT).availableCalls()).isEqualTo(3);
			assertThat(listed.api(MATERIALS).availableCalls()).isEqualTo(60);
			assertThat(listed.apis()).extracting(ApiOperations::api).isEqualTo(operations.apis().stream()
				.map(ApiOperations::api).toList());
		});
	}

	@Test
	void recordsEveryUpstreamErrorWithWeChatsRidNewestFirst() {
		String appId = onboardedAccount("星河咖啡", 7, 11);
		Instant before = sandbox.clock().instant();
		fault(BATCHGET, appId, -1, 2);
		this.content.publishedPage(platform, appId, 0, 1, false);
		assertThatExceptionOfType(WeChatApiException.class)
			.isThrownBy(() -> this.content.publishedArticle(platform, appId, "no-such-article"))
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(53600));
		httpFault(MATERIAL_COUNT, appId, 503, 1);
		this.content.materialCount(platform, appId);

		AccountOperations operations = this.operations.account(platform, appId);

		assertThat(operations.api(BATCHGET).callsToday()).as("retries are calls").isEqualTo(3)
			.isEqualTo(control.calls(appId, BATCHGET));
		assertThat(operations.api(MATERIAL_COUNT).callsToday()).isEqualTo(2)
			.isEqualTo(control.calls(appId, MATERIAL_COUNT));
		assertThat(operations.recentErrors()).extracting(UpstreamError::api, UpstreamError::errcode)
			.containsExactly(tuple(MATERIAL_COUNT, null),
					tuple(GETARTICLE, 53600),
					tuple(BATCHGET, -1), tuple(BATCHGET, -1));
		assertThat(operations.recentErrors()).filteredOn((error) -> error.errcode() != null).allSatisfy((error) -> {
			assertThat(error.rid()).matches(RID);
			assertThat(error.message()).endsWith("rid: " + error.rid());
		});
		assertThat(operations.recentErrors().get(0)).satisfies((error) -> {
			assertThat(error.message()).isEqualTo("HTTP 503");
			assertThat(error.rid()).isNull();
		});
		assertThat(operations.recentErrors()).allSatisfy(
				(error) -> assertThat(error.at()).isBetween(before, sandbox.clock().instant()));
		assertThat(operations.recentErrors()).extracting(UpstreamError::rid).doesNotHaveDuplicates();
	}

	@Test
	void keepsOnlyTheLatestHundredErrors() {
		String appId = onboardedAccount("星河咖啡", 7);
		fault(GETARTICLE, appId, 53600, 105);
		for (int i = 0; i < 105; i++) {
			assertThatExceptionOfType(WeChatApiException.class)
				.isThrownBy(() -> this.content.publishedArticle(platform, appId, "a"));
		}
		assertThat(this.operations.account(platform, appId).recentErrors()).hasSize(100);
		assertThat(this.operations.account(platform, appId).api(GETARTICLE).callsToday()).isEqualTo(105);
	}

	@Test
	void a45009OpensTheBreakerUntilTheNextShanghaiMidnightWhichClosesIt() {
		String appId = onboardedAccount("星河咖啡", 7, 11);
		String articleId = this.content.publishedPage(platform, appId, 0, 1, true).item().get(0).articleId();
		fault(GETARTICLE, appId, 45009, 1);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.publishedArticle(platform, appId, articleId));
		Instant now = sandbox.clock().instant();
		Instant midnight = LocalDate.ofInstant(now, SHANGHAI).plusDays(1).atStartOfDay(SHANGHAI).toInstant();

		AccountOperations operations = this.operations.account(platform, appId);

		assertThat(operations.api(GETARTICLE).breaker()).isEqualTo(new OpenBreaker(45009, midnight));
		assertThat(operations.api(BATCHGET).breaker()).isNull();
		assertThat(this.operations.accounts(platform)).singleElement().satisfies((listed) -> {
			assertThat(listed.api(GETARTICLE).breaker()).isEqualTo(new OpenBreaker(45009, midnight));
			assertThat(listed.api(BATCHGET).breaker()).isNull();
			assertThat(listed.recentErrors()).isEqualTo(operations.recentErrors());
		});
		assertThat(operations.api(MATERIAL_COUNT).breaker()).isNull();
		assertThat(operations.recentErrors().get(0)).satisfies((error) -> {
			assertThat(error.errcode()).isEqualTo(45009);
			assertThat(error.rid()).matches(RID);
		});
		// The open breaker stops the next call before WeChat: nothing more is counted, here or in the sandbox.
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.publishedArticle(platform, appId, articleId));
		assertThat(this.operations.account(platform, appId).api(GETARTICLE).callsToday()).isEqualTo(1)
			.isEqualTo(control.calls(appId, GETARTICLE));

		sandbox.advanceClock(Duration.between(now, midnight).plusSeconds(1));

		AccountOperations tomorrow = this.operations.account(platform, appId);
		assertThat(tomorrow.day()).isEqualTo(LocalDate.ofInstant(now, SHANGHAI).plusDays(1));
		assertThat(tomorrow.api(GETARTICLE).breaker()).isNull();
		assertThat(tomorrow.callsToday()).as("a new WeChat day counts from zero").isZero();
		assertThat(tomorrow.recentErrors()).hasSize(1);
	}

	@Test
	void anAccountOutsideTheCallersScopeIsNotFound() {
		String appId = onboardedAccount("星河咖啡", 7);
		long tenant = this.jdbc.sql("select tenant_id from official_account where appid = :a").param("a", appId)
			.query(Long.class).single();
		assertThat(this.operations.account(TenantScope.tenant(tenant), appId).appId()).isEqualTo(appId);
		assertThatExceptionOfType(AccountNotFoundException.class)
			.isThrownBy(() -> this.operations.account(TenantScope.tenant(tenant + 1), appId));
		assertThat(this.operations.accounts(TenantScope.tenant(tenant + 1))).isEmpty();
	}


	@Test
	void platformTodayAddsUpEveryAccountsCallsAndErrorsAndRanksTheAccounts() {
		String xinghe = onboardedAccount("星河咖啡", 7, 11);
		String shanye = onboardedAccount("山野书店", 7, 11);
		for (int i = 0; i < 3; i++) {
			this.content.publishedPage(platform, xinghe, 0, 1, false);
		}
		this.content.materialCount(platform, xinghe);
		this.content.publishedPage(platform, shanye, 0, 1, false);
		fault(GETARTICLE, shanye, 53600, 2);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(WeChatApiException.class)
				.isThrownBy(() -> this.content.publishedArticle(platform, shanye, "no-such-article"));
		}
		httpFault(MATERIAL_COUNT, shanye, 503, 1);
		this.content.materialCount(platform, shanye);

		// The scheduled flush may be running: wait for it, so that every call of this test is in Redis.
		this.upstreamUsage.flushAndWait();
		PlatformOperations today = this.operations.platformToday(platform, 5);

		assertThat(today.day()).isEqualTo(LocalDate.ofInstant(sandbox.clock().instant(), SHANGHAI));
		assertThat(today.callsByApi()).containsExactly(
				entry(BATCHGET, (long) control.calls(xinghe, BATCHGET) + control.calls(shanye, BATCHGET)),
				entry(GETARTICLE, (long) control.calls(shanye, GETARTICLE)),
				entry(MATERIALS, 0L),
				entry(MATERIAL_COUNT,
						(long) control.calls(xinghe, MATERIAL_COUNT) + control.calls(shanye, MATERIAL_COUNT)));
		assertThat(today.calls()).isEqualTo(9);
		assertThat(today.errors()).containsExactly(new ErrorCount(53600, 2),
				new ErrorCount(null, 1));
		assertThat(today.errorCount()).isEqualTo(3);
		assertThat(today.accountsCalling()).isEqualTo(2);
		assertThat(today.busiest()).extracting(AccountOperations::appId, AccountOperations::callsToday)
			.containsExactly(tuple(shanye, 5L), tuple(xinghe, 4L));
		assertThat(today.busiest().get(1).nearestDailyLimit().api()).isEqualTo(BATCHGET);
		assertThat(today.mostErrors()).containsExactly(new AccountCount(shanye, 3));
		assertThat(this.operations.platformToday(platform, 1).busiest()).extracting(AccountOperations::appId)
			.containsExactly(shanye);
	}

	@Test
	void platformTodayStartsFromZeroOnTheNextWeChatDayAndIsForOperatorsOnly() {
		String appId = onboardedAccount("星河咖啡", 7, 11);
		this.content.publishedPage(platform, appId, 0, 1, false);
		assertThat(this.operations.platformToday(platform, 5).calls()).isEqualTo(1);
		Instant now = sandbox.clock().instant();
		Instant midnight = LocalDate.ofInstant(now, SHANGHAI).plusDays(1).atStartOfDay(SHANGHAI).toInstant();
		sandbox.advanceClock(Duration.between(now, midnight).plusSeconds(1));

		PlatformOperations tomorrow = this.operations.platformToday(platform, 5);

		assertThat(tomorrow.day()).isEqualTo(LocalDate.ofInstant(now, SHANGHAI).plusDays(1));
		assertThat(tomorrow.calls()).isZero();
		assertThat(tomorrow.callsByApi()).hasSize(4);
		assertThat(tomorrow.busiest()).isEmpty();
		assertThat(tomorrow.accountsCalling()).isZero();
		long tenant = this.jdbc.sql("select tenant_id from official_account where appid = :a").param("a", appId)
			.query(Long.class).single();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.operations.platformToday(TenantScope.tenant(tenant), 5));
	}

	@Test
	void dailyPercentIsTodaysCallsAgainstTheDailyLimit() {
		assertThat(new ApiOperations(BATCHGET, 250, 60, 1000, 10, null).dailyPercent()).isEqualTo(25);
		assertThat(new ApiOperations(BATCHGET, 1001, 60, 1000, 0, null).dailyPercent()).isEqualTo(100);
		assertThat(new ApiOperations(BATCHGET, 1100, 60, 1000, 0, null).dailyPercent()).isEqualTo(110);
	}

}

package io.atrium.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.atrium.TokenServiceTestApplication;
import io.atrium.account.AccountStatus;
import io.atrium.account.PermissionSet;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.redis.RedisKeyspace;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.RateLimitedException;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamMetrics;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatDay;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ContentService} and its decorated Feign client against the sandbox, real Redis and PostgreSQL.
 */
class ContentServiceTests extends ContentIntegrationTests {

	@Autowired
	UpstreamMetrics metrics;


	private static final TenantScope PLATFORM = TenantScope.platform();

	@Autowired
	ContentService content;

	@Autowired
	RedisKeyspace keyspace;

	private static final WeChatApi PUBLISHED_PAGE_API = new WeChatApi("freepublish-batchget", "POST",
			"/cgi-bin/freepublish/batchget", List.of(PermissionSet.MASS_SEND_AND_NOTIFY), 60, true);

	private static final WeChatApiException DAILY_QUOTA = new WeChatApiException(
			"/cgi-bin/freepublish/batchget", new WeChatError(45009, "reach max api daily quota limit"));

	private static final WeChatApiException MINUTE_QUOTA = new WeChatApiException(
			"/cgi-bin/freepublish/batchget", new WeChatError(45011, "api minute-quota reach limit"));

	@Test
	void walksEveryPublishedPageByCursorWithMultiArticlePosts() {
		String appId = onboardedAccount("星河咖啡", 1, 7, 11);
		PublishedPage first = this.content.publishedPage(PLATFORM, appId, 0, 20, true);
		assertThat(first.totalCount()).isEqualTo(24);
		assertThat(first.itemCount()).isEqualTo(20);
		assertThat(first.item()).hasSize(20);
		assertThat(first.item()).anySatisfy((item) -> assertThat(item.content().newsItem()).hasSizeGreaterThan(1));
		assertThat(first.item().get(0).content().newsItem().get(0).content()).isNotBlank();
		assertThat(first.nextCursor()).isNotNull();
		PublishedPage second = this.content.publishedPage(PLATFORM, appId, first.nextCursor());
		assertThat(second.item()).hasSize(4);
		assertThat(second.nextCursor()).isNull();
		assertThat(second.item().get(0).articleId()).isNotIn(first.item().stream().map(PublishedItem::articleId).toList());
	}

	@Test
	void leavesOutArticleBodiesWhenAskedTo() {
		String appId = onboardedAccount("小店", 7);
		PublishedPage page = this.content.publishedPage(PLATFORM, appId, 0, 3, false);
		assertThat(page.item()).allSatisfy((item) -> assertThat(item.content().newsItem())
			.allSatisfy((article) -> assertThat(article.content()).isNull()));
	}

	@Test
	void readsOnePublishedPostWithAllItsArticles() {
		String appId = onboardedAccount("星河咖啡", 7);
		PublishedItem multi = this.content.publishedPage(PLATFORM, appId, 0, 20, true)
			.item()
			.stream()
			.filter((item) -> item.content().newsItem().size() > 1)
			.findFirst()
			.orElseThrow();
		PublishedArticle article = this.content.publishedArticle(PLATFORM, appId, multi.articleId());
		assertThat(article.newsItem()).isEqualTo(multi.content().newsItem());
	}

	@Test
	void readsMaterialsOfEveryTypeAndTheirCount() {
		String appId = onboardedAccount("素材", 11);
		MaterialCount count = this.content.materialCount(PLATFORM, appId);
		assertThat(count.imageCount()).isEqualTo(12);
		assertThat(count.newsCount()).isEqualTo(6);
		MaterialPage images = this.content.materialPage(PLATFORM, appId, "image", 0, 10);
		assertThat(images.item()).hasSize(10).allSatisfy((item) -> assertThat(item.url()).isNotBlank());
		assertThat(this.content.materialPage(PLATFORM, appId, images.nextCursor()).item()).hasSize(2);
		assertThat(this.content.materialPage(PLATFORM, appId, "video", 0, 20).item())
			.allSatisfy((item) -> assertThat(item.tags()).isNotNull());
		assertThat(this.content.materialPage(PLATFORM, appId, "news", 0, 20).item())
			.anySatisfy((item) -> assertThat(item.content().newsItem()).hasSizeGreaterThan(1));
		assertThat(this.content.materialPage(PLATFORM, appId, "voice", 0, 20).totalCount()).isEqualTo(4);
	}

	@Test
	void materialNeedsSet11Or100AndFreepublishNeedsSet7BeforeAnyCall() {
		String appId = onboardedAccount("无权限", 1, 2);
		assertThatExceptionOfType(PermissionNotGrantedException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, 0, 5, true))
			.withMessageContaining("权限集 7 群发与通知 (MASS_SEND_AND_NOTIFY) not granted")
			.satisfies((ex) -> assertThat(ex.required()).containsExactly(PermissionSet.MASS_SEND_AND_NOTIFY));
		assertThatExceptionOfType(PermissionNotGrantedException.class)
			.isThrownBy(() -> this.content.materialCount(PLATFORM, appId))
			.withMessageContaining("11 素材管理 (MATERIAL_MANAGEMENT) or 100");
		assertThat(control.calls(BATCHGET) + control.calls(MATERIAL_COUNT)).isZero();
	}

	@Test
	void invalidParametersSpendNoQuota() {
		String appId = onboardedAccount("参数", 7, 11);
		assertThatExceptionOfType(InvalidContentRequestException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, 0, 0, true));
		assertThatExceptionOfType(InvalidContentRequestException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, 0, 21, true));
		assertThatExceptionOfType(InvalidContentRequestException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, -1, 5, true));
		assertThatExceptionOfType(InvalidContentRequestException.class)
			.isThrownBy(() -> this.content.materialPage(PLATFORM, appId, "gif", 0, 5));
		assertThatExceptionOfType(InvalidContentRequestException.class)
			.isThrownBy(() -> this.content.publishedArticle(PLATFORM, appId, " "));
		assertThatExceptionOfType(InvalidContentRequestException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, "bm90IGEgY3Vyc29y"));
		assertThat(control.calls(BATCHGET) + control.calls(GETARTICLE) + control.calls(MATERIALS)
				+ control.calls(MATERIAL_COUNT)).isZero();
	}

	@Test
	void anotherTenantsAccountIsNotFound() {
		String appId = onboardedAccount("甲", 7);
		long otherTenant = this.tenants.create("乙 tenant", null, null, null, null).id();
		assertThatExceptionOfType(AccountNotFoundException.class)
			.isThrownBy(() -> this.content.publishedPage(TenantScope.tenant(otherTenant), appId, 0, 5, true));
		assertThatExceptionOfType(AccountNotFoundException.class)
			.isThrownBy(() -> this.content.materialCount(PLATFORM, "wx0000000000000000"));
		assertThat(this.content.accounts(TenantScope.tenant(otherTenant))).isEmpty();
		assertThat(this.content.accounts(PLATFORM)).extracting("appId").containsExactly(appId);
		assertThat(control.calls(BATCHGET)).isZero();
	}

	@Test
	void revokedAndReauthorizationAccountsAreRefusedWithTheirStatus() {
		String revoked = onboardedAccount("撤销", 7);
		this.authorizations.revoke(revoked, "test");
		assertThatExceptionOfType(AccountNotAuthorizedException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, revoked, 0, 5, true))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(AccountStatus.REVOKED));
		String stale = onboardedAccount("重新授权", 7);
		this.authorizations.markNeedsReauthorization(stale, "test", "test");
		assertThatExceptionOfType(AccountNotAuthorizedException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, stale, 0, 5, true))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(AccountStatus.NEEDS_REAUTH));
		assertThat(control.calls(BATCHGET)).isZero();
	}

	@Test
	void weChatPermissionAndNotFoundErrorsAreNotRetried() {
		String appId = onboardedAccount("错误", 7, 11);
		fault(BATCHGET, appId, 48001, 1);
		assertThatExceptionOfType(PermissionNotGrantedException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, 0, 5, true))
			.satisfies((ex) -> assertThat(ex.error().errcode()).isEqualTo(48001));
		fault(MATERIAL_COUNT, appId, 61007, 1);
		assertThatExceptionOfType(PermissionNotGrantedException.class)
			.isThrownBy(() -> this.content.materialCount(PLATFORM, appId))
			.satisfies((ex) -> assertThat(ex.error().errcode()).isEqualTo(61007));
		assertThatExceptionOfType(WeChatApiException.class)
			.isThrownBy(() -> this.content.publishedArticle(PLATFORM, appId, "no-such-article"))
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(53600));
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(1);
		assertThat(control.calls(appId, MATERIAL_COUNT)).isEqualTo(1);
		assertThat(control.calls(appId, GETARTICLE)).isEqualTo(1);
	}

	@Test
	void tokenInvalidatedUpstreamHealsWithExactlyOneReplay() {
		String appId = onboardedAccount("令牌", 7);
		this.content.publishedPage(PLATFORM, appId, 0, 1, false);
		int refreshes = control.calls(appId, "/cgi-bin/component/api_authorizer_token");
		control.invalidateTokens(appId);
		PublishedPage page = this.content.publishedPage(PLATFORM, appId, 0, 1, false);
		assertThat(page.item()).hasSize(1);
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(3);
		assertThat(control.get("/sandbox/counters").path("accounts").path(appId).path(BATCHGET).path("errors")
			.path("40001").asInt()).isEqualTo(1);
		assertThat(control.calls(appId, "/cgi-bin/component/api_authorizer_token")).isEqualTo(refreshes + 1);
	}

	@Test
	void aSecondTokenRefusalAfterTheReplayIsFinal() {
		String appId = onboardedAccount("令牌两次", 7);
		this.content.publishedPage(PLATFORM, appId, 0, 1, false);
		fault(BATCHGET, appId, 40001, 5);
		assertThatExceptionOfType(WeChatApiException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, 0, 1, false))
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(40001));
		// The first call, the refused one, and exactly one replay: never a loop.
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(3);
	}

	@Test
	void transientFaultsAreRetriedUntilSuccess() {
		String appId = onboardedAccount("重试", 7, 11);
		fault(BATCHGET, appId, -1, 2);
		assertThat(this.content.publishedPage(PLATFORM, appId, 0, 2, false).item()).hasSize(2);
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(3);
		httpFault(MATERIAL_COUNT, appId, 503, 1);
		assertThat(this.content.materialCount(PLATFORM, appId).voiceCount()).isEqualTo(4);
		assertThat(control.calls(appId, MATERIAL_COUNT)).isEqualTo(2);
	}

	@Test
	void anHttpClientErrorIsNotRetriedAndSaysWhatWeChatAnswered() {
		String appId = onboardedAccount("四零四", 7, 11);
		httpFault(MATERIAL_COUNT, appId, 404, 1);
		assertThatExceptionOfType(WeChatUnavailableException.class)
			.isThrownBy(() -> this.content.materialCount(PLATFORM, appId))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("HTTP 404"))
			.satisfies((ex) -> assertThat(ex.isTransient()).isFalse());
		assertThat(control.calls(appId, MATERIAL_COUNT)).isEqualTo(1);
		// The fault was once: the next call goes through.
		assertThat(this.content.materialCount(PLATFORM, appId).voiceCount()).isEqualTo(4);
	}

	@Test
	void aFaultThatLastsStopsAtTheBudget() {
		String appId = onboardedAccount("预算", 7);
		fault(BATCHGET, appId, -1, 10);
		assertThatExceptionOfType(WeChatApiException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, appId, 0, 2, false))
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(-1));
		// max-attempts is 10 in these tests, but nine backoffs of at least 40, 80, 150... ms (less jitter) outlast the
		// 400 ms budget: whatever the machine's load, the budget is what stopped it, before the tenth attempt.
		assertThat(control.calls(appId, BATCHGET)).isBetween(1, 9);
	}

	@Test
	void dailyQuotaStopsCallsForThatAccountAndApiUntilMidnightShanghai() {
		String spent = onboardedAccount("配额", 7, 11);
		String other = onboardedAccount("其他", 7);
		fault(BATCHGET, spent, 45009, 1);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, spent, 0, 1, false))
			.satisfies((ex) -> assertThat(ex.error().errcode()).isEqualTo(45009));
		Instant before = sandbox.clock().instant();
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.publishedPage(PLATFORM, spent, 0, 1, false))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isPositive()
				.isLessThanOrEqualTo(Duration.between(before, WeChatDay.nextReset(before))));
		assertThat(control.calls(spent, BATCHGET)).isEqualTo(1);
		// Another account, and another API of the same account, carry on.
		assertThat(this.content.publishedPage(PLATFORM, other, 0, 1, false).item()).hasSize(1);
		assertThat(this.content.materialCount(PLATFORM, spent).newsCount()).isEqualTo(6);
		Instant now = sandbox.clock().instant();
		sandbox.advanceClock(Duration.between(now, WeChatDay.nextReset(now)).plusSeconds(1));
		assertThat(this.content.publishedPage(PLATFORM, spent, 0, 1, false).item()).hasSize(1);
		assertThat(control.calls(spent, BATCHGET)).isEqualTo(2);
	}

	@Test
	void aMinuteQuotaErrorDoesNotShortenABreakerThatADailyQuotaErrorOpened() {
		// At noon in Shanghai: the daily breaker reopens at midnight, long after the minute backoff would.
		Instant noon = Instant.parse("2026-12-04T04:00:00Z");
		QuotaBreaker breaker = breakerAt(noon);
		String appId = "wx00000000000000bb";
		breaker.trip(appId, PUBLISHED_PAGE_API, DAILY_QUOTA);
		breaker.trip(appId, PUBLISHED_PAGE_API, MINUTE_QUOTA);

		assertThat(breaker.state(appId, PUBLISHED_PAGE_API))
			.satisfies((open) -> assertThat(open.errcode()).isEqualTo(45009))
			.satisfies((open) -> assertThat(Duration.between(noon, open.openUntil())).isEqualTo(Duration.ofHours(12)));
	}

	@Test
	void inTheDaysLastMinuteTheMinuteBackoffOutlastsTheDailyBreaker() {
		// 30 s before midnight in Shanghai the daily quota comes back sooner than a minute's backoff ends.
		Instant late = Instant.parse("2026-12-04T15:59:30Z");
		QuotaBreaker breaker = breakerAt(late);
		String appId = "wx00000000000000bc";
		breaker.trip(appId, PUBLISHED_PAGE_API, DAILY_QUOTA);
		breaker.trip(appId, PUBLISHED_PAGE_API, MINUTE_QUOTA);

		assertThat(breaker.state(appId, PUBLISHED_PAGE_API))
			.satisfies((open) -> assertThat(open.errcode()).isEqualTo(45011))
			.satisfies((open) -> assertThat(Duration.between(late, open.openUntil())).isEqualTo(Duration.ofMinutes(1)));
	}

	/** A breaker on the test's Redis whose clock stands still at {@code now}, so the hour is the test's choice. */
	private QuotaBreaker breakerAt(Instant now) {
		return new QuotaBreaker(this.redis, this.keyspace, Clock.fixed(now, ZoneOffset.UTC), this.metrics);
	}

	@Test
	void minuteQuotaBacksOffForAMinute() {
		String appId = onboardedAccount("分钟", 11);
		fault(MATERIALS, appId, 45011, 1);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.materialPage(PLATFORM, appId, "image", 0, 1))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.materialPage(PLATFORM, appId, "image", 0, 1));
		assertThat(control.calls(appId, MATERIALS)).isEqualTo(1);
		sandbox.advanceClock(Duration.ofSeconds(61));
		assertThat(this.content.materialPage(PLATFORM, appId, "image", 0, 1).item()).hasSize(1);
	}

	@Test
	void twoInstancesShareOneLimitPerAccount() {
		String appId = onboardedAccount("两实例", 11);
		String neighbour = onboardedAccount("邻居", 11);
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenServiceTestApplication.class)
			.properties(secondInstanceProperties())
			.run()) {
			ContentService other = second.getBean(ContentService.class);
			AtomicInteger served = new AtomicInteger();
			AtomicInteger limited = new AtomicInteger();
			for (int i = 0; i < 6; i++) {
				for (ContentService instance : List.of(this.content, other)) {
					try {
						instance.materialCount(PLATFORM, appId);
						served.incrementAndGet();
					}
					catch (RateLimitedException ex) {
						assertThat(ex.error()).isNull();
						limited.incrementAndGet();
					}
				}
			}
			// atrium.upstream.apis.material-count.per-minute is 5 per minute in these tests.
			assertThat(served).hasValue(5);
			assertThat(limited).hasValue(7);
			assertThat(control.calls(appId, MATERIAL_COUNT)).isEqualTo(5);
			// The limit is per account: the neighbour is untouched.
			assertThat(other.materialCount(PLATFORM, neighbour).imageCount()).isEqualTo(12);
			// A quota breaker opened by one instance stops the other too.
			fault(MATERIALS, appId, 45009, 1);
			assertThatExceptionOfType(RateLimitedException.class)
				.isThrownBy(() -> this.content.materialPage(PLATFORM, appId, "image", 0, 1));
			assertThatExceptionOfType(RateLimitedException.class)
				.isThrownBy(() -> other.materialPage(PLATFORM, appId, "image", 0, 1))
				.satisfies((ex) -> assertThat(ex.error().errcode()).isEqualTo(45009));
			assertThat(control.calls(appId, MATERIALS)).isEqualTo(1);
		}
	}

}

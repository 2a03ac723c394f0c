package io.atrium.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.content.ContentIntegrationTests;
import io.atrium.content.ContentService;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.RateLimitedException;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.wechat.WeChatApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Quotas against the sandbox: WeChat's figures beside Atrium's, clear_quota reopening the breakers, and the monthly
 * allowance held across concurrent operators.
 */
@Tag(TestRedis.TAG)
class AccountQuotasTests extends ContentIntegrationTests {

	private static final String CLEAR_QUOTA = "/cgi-bin/component/clear_quota/v2";

	private static final TenantScope platform = TenantScope.platform();

	@Autowired
	AccountQuotas quotas;

	@Autowired
	ContentService content;

	@Autowired
	UpstreamUsage usage;

	@Autowired
	AuthorizerTokenManager tokens;

	@Test
	void showsWeChatsCountsBesideAtriumsForTheApisInUse() throws Exception {
		String appId = onboardedAccount("配额甲", 7, 11);
		for (int i = 0; i < 3; i++) {
			this.content.materialCount(platform, appId);
		}
		QuotaReport report = this.quotas.report(platform, appId);
		QuotaReport.ApiQuota count = report.apis()
			.stream()
			.filter((api) -> api.path().equals(MATERIAL_COUNT))
			.findFirst()
			.orElseThrow();
		assertThat(count.used()).isEqualTo(3);
		assertThat(count.atriumCallsToday()).isEqualTo(3);
		assertThat(count.dailyLimit()).isPositive();
		assertThat(count.remain()).isEqualTo(count.dailyLimit() - 3);
		assertThat(report.apis()).extracting(QuotaReport.ApiQuota::path).contains(BATCHGET, GETARTICLE, MATERIALS);
		assertThat(report.clearsLeft()).isEqualTo(AccountQuotas.MONTHLY_ALLOWANCE);
	}

	@Test
	void aClearResetsWeChatsCountsAndReopensTheBreakers() throws Exception {
		String appId = onboardedAccount("配额乙", 7, 11);
		fault(BATCHGET, appId, 45009, 1);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.publishedPage(platform, appId, 0, 1, false));
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.content.publishedPage(platform, appId, 0, 1, false));
		this.content.materialCount(platform, appId);
		this.quotas.clear(platform, appId, "console:admin");
		assertThat(this.content.publishedPage(platform, appId, 0, 1, false).itemCount()).isEqualTo(1);
		QuotaReport report = this.quotas.report(platform, appId);
		assertThat(report.apis().stream().filter((api) -> api.path().equals(MATERIAL_COUNT)).findFirst().orElseThrow()
			.used()).isZero();
		assertThat(report.clearsThisMonth()).isEqualTo(1);
		assertThat(this.jdbc.sql("select actor from quota_clear where appid = :a and outcome = 'CLEARED'")
			.param("a", appId)
			.query(String.class)
			.list()).containsExactly("console:admin");
	}

	@Test
	void twelveOperatorsAtOnceSpendTheMonthlyTenAndNoMore() throws Exception {
		String appId = onboardedAccount("配额丙", 11);
		int before = control.calls(appId, CLEAR_QUOTA);
		List<Callable<Boolean>> clears = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String actor = "console:operator-" + i;
			clears.add(() -> {
				try {
					this.quotas.clear(platform, appId, actor);
					return true;
				}
				catch (QuotaClearRefusedException ex) {
					assertThat(ex.error()).isNull();
					return false;
				}
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(12);
		List<Boolean> outcomes = new ArrayList<>();
		try {
			for (Future<Boolean> outcome : pool.invokeAll(clears)) {
				outcomes.add(outcome.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(outcomes).filteredOn(Boolean::booleanValue).hasSize(AccountQuotas.MONTHLY_ALLOWANCE);
		// The two refused never reached WeChat.
		assertThat(control.calls(appId, CLEAR_QUOTA) - before).isEqualTo(AccountQuotas.MONTHLY_ALLOWANCE);
		assertThat(this.quotas.clearsThisMonth(platform, appId)).isEqualTo(AccountQuotas.MONTHLY_ALLOWANCE);
		assertThatExceptionOfType(QuotaClearRefusedException.class)
			.isThrownBy(() -> this.quotas.clear(platform, appId, "console:late"));
	}

	@Test
	void anErrorsRidIsLookedUpAtWeChatWithoutItsToken() throws Exception {
		String appId = onboardedAccount("配额戊", 11);
		fault(MATERIAL_COUNT, appId, 40097, 1);
		assertThatExceptionOfType(WeChatApiException.class)
			.isThrownBy(() -> this.content.materialCount(platform, appId));
		String rid = this.usage.accountUsage(List.of(appId), this.usage.today()).get(0).recentErrors().get(0).rid();
		assertThat(rid).isNotBlank();
		RidDetails details = this.quotas.rid(platform, appId, rid);
		assertThat(details.requestUrl()).contains("access_token=").doesNotContain(this.tokens.get(appId));
		assertThat(details.responseBody()).contains("40097");
		assertThatExceptionOfType(WeChatApiException.class)
			.isThrownBy(() -> this.quotas.rid(platform, appId, "00000000-00000000-00000000"))
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(76001));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.quotas.rid(platform, appId, "not a rid; drop table"));
	}

	@Test
	void anotherTenantsAccountIsNotFound() {
		String appId = onboardedAccount("配额丁", 11);
		TenantScope elsewhere = TenantScope.tenant(this.tenants.create("配额别家 " + System.nanoTime(), null, null, null,
				null).id());
		assertThatExceptionOfType(AccountNotFoundException.class)
			.isThrownBy(() -> this.quotas.clear(elsewhere, appId, "x"));
		assertThatExceptionOfType(AccountNotFoundException.class)
			.isThrownBy(() -> this.quotas.report(elsewhere, appId));
		assertThat(this.quotas.clearsThisMonth(platform, appId)).isZero();
	}

}

package io.atrium.lending;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.atrium.apikey.ApiKeyGrant;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiScope;
import io.atrium.content.ContentIntegrationTests;
import io.atrium.token.TestSandbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Token lending over HTTP: scopes, audit, the refresh a report causes (one, however many report), tenant and
 * account bindings, the per-key limit.
 */
class TokenLendingApiTests extends ContentIntegrationTests {

	private static final String AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	ApiKeyService keys;

	@Autowired
	LendLog log;

	@Test
	void aKeyWithoutTheLendingScopeIsRefusedWithAProblemAndALendingKeyReadsNoContent() throws Exception {
		String appId = onboardedAccount("借用甲", 7);
		String contentKey = this.keys.create("content only", null, "test").secret();
		HttpResponse<String> refused = get("/api/v1/accounts/" + appId + "/access-token", contentKey);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(json.readTree(refused.body()).path("detail").asString()).contains("token:lend");
		assertThat(refused.body()).doesNotContain("access_token\"");
		String lendKey = key(null, grant(Set.of(ApiScope.TOKEN_LEND), null));
		HttpResponse<String> content = get("/api/v1/accounts/" + appId + "/articles", lendKey);
		assertThat(content.statusCode()).isEqualTo(403);
		assertThat(json.readTree(content.body()).path("detail").asString()).contains("content:read");
		assertThat(this.log.count(appId, LendLog.Kind.LEND)).isZero();
	}

	@Test
	void lendsATokenWeChatAcceptsSaysHowLongItIsGoodAndAuditsTheLend() throws Exception {
		String appId = onboardedAccount("借用乙", 7);
		String lendKey = key(null, grant(Set.of(ApiScope.TOKEN_LEND), null));
		HttpResponse<String> answer = get("/api/v1/accounts/" + appId + "/access-token", lendKey);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode lent = json.readTree(answer.body());
		String token = lent.path("access_token").asString();
		assertThat(businessCall(token).path("errcode").asInt(0)).isZero();
		// The sandbox issues 7200 s tokens: counted valid 6900 s (5 min margin), refreshed 15 min before that less up
		// to 5 min of spread (at 5700 to 6000 s), and WeChat keeps the old one 5 min after the refresh: good for 6000
		// to 6300 s.
		assertThat(lent.path("expires_in").asLong()).isBetween(5990L, 6300L);
		assertThat(lent.path("expires_at").asString()).isNotBlank();
		assertThat(get("/api/v1/accounts/" + appId + "/access-token", lendKey).body()).contains(token);
		assertThat(this.log.count(appId, LendLog.Kind.LEND)).isEqualTo(2);
	}

	@Test
	void twoHundredSystemsReportingOneRefusedTokenCauseExactlyOneRefresh() throws Exception {
		String appId = onboardedAccount("借用丙", 7);
		String lendKey = key(null, grant(Set.of(ApiScope.TOKEN_LEND), null));
		String refused = json.readTree(get("/api/v1/accounts/" + appId + "/access-token", lendKey).body())
			.path("access_token")
			.asString();
		control.invalidateTokens(appId);
		assertThat(businessCall(refused).path("errcode").asInt()).isEqualTo(40001);
		int refreshesBefore = control.calls(appId, AUTHORIZER_TOKEN);

		int reporters = 200;
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> reports = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(reporters);
		try {
			for (int i = 0; i < reporters; i++) {
				reports.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
						return post("/api/v1/accounts/" + appId + "/access-token/invalid", lendKey,
								"{\"access_token\":\"" + refused + "\"}");
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, pool));
			}
			start.countDown();
			List<String> answered = new ArrayList<>();
			for (CompletableFuture<HttpResponse<String>> report : reports) {
				HttpResponse<String> response = report.join();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				answered.add(json.readTree(response.body()).path("access_token").asString());
			}
			assertThat(Set.copyOf(answered)).hasSize(1).doesNotContain(refused);
			assertThat(businessCall(answered.get(0)).path("errcode").asInt(0)).isZero();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(control.calls(appId, AUTHORIZER_TOKEN) - refreshesBefore).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from token_lend where appid = :a and kind = 'REPORT_INVALID' and refreshed")
			.param("a", appId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.log.count(appId, LendLog.Kind.REPORT_INVALID)).isEqualTo(reporters);
	}

	@Test
	void aReportOfAnOldTokenRefreshesNothing() throws Exception {
		String appId = onboardedAccount("借用丁", 7);
		String lendKey = key(null, grant(Set.of(ApiScope.TOKEN_LEND), null));
		String current = json.readTree(get("/api/v1/accounts/" + appId + "/access-token", lendKey).body())
			.path("access_token")
			.asString();
		int refreshesBefore = control.calls(appId, AUTHORIZER_TOKEN);
		HttpResponse<String> answer = post("/api/v1/accounts/" + appId + "/access-token/invalid", lendKey,
				"{\"access_token\":\"a-token-of-last-week\"}");
		assertThat(json.readTree(answer.body()).path("access_token").asString()).isEqualTo(current);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN)).isEqualTo(refreshesBefore);
		assertThat(post("/api/v1/accounts/" + appId + "/access-token/invalid", lendKey, "{}").statusCode())
			.isEqualTo(400);
		assertThat(post("/api/v1/accounts/" + appId + "/access-token/invalid", lendKey, "{not json").statusCode())
			.isEqualTo(400);
	}

	@Test
	void tenantAndAccountBoundKeysReachNothingElse() throws Exception {
		String mine = onboardedAccount("借用戊", 7);
		String theirs = onboardedAccount("借用己", 7);
		long tenant = tenantOf(mine);
		String tenantKey = key(tenant, grant(Set.of(ApiScope.TOKEN_LEND), null));
		assertThat(get("/api/v1/accounts/" + mine + "/access-token", tenantKey).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/" + theirs + "/access-token", tenantKey).statusCode()).isEqualTo(404);
		assertThat(post("/api/v1/accounts/" + theirs + "/access-token/invalid", tenantKey,
				"{\"access_token\":\"x\"}").statusCode()).isEqualTo(404);
		// Bound to one account, a platform key reaches that account only, and lists only it.
		String accountKey = key(null, grant(Set.of(ApiScope.TOKEN_LEND, ApiScope.CONTENT_READ), theirs));
		assertThat(get("/api/v1/accounts/" + theirs + "/access-token", accountKey).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/" + mine + "/access-token", accountKey).statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/accounts/" + mine + "/materials/count", accountKey).statusCode()).isEqualTo(404);
		assertThat(json.readTree(get("/api/v1/accounts", accountKey).body()).findValuesAsString("appid"))
			.containsExactly(theirs);
		// The component token acts for every account: no tenant key may hold its scope, nor a key bound to an account.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> key(tenant, grant(Set.of(ApiScope.COMPONENT_TOKEN_LEND), null)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> key(null, grant(Set.of(ApiScope.COMPONENT_TOKEN_LEND), mine)));
		assertThat(get("/api/v1/component/access-token", tenantKey).statusCode()).isEqualTo(403);
	}

	@Test
	void lendsTheComponentTokenToPlatformKeysWithItsScopeAndRefreshesItOnceWhenReported() throws Exception {
		String componentKey = key(null, grant(Set.of(ApiScope.COMPONENT_TOKEN_LEND), null));
		JsonNode lent = json.readTree(get("/api/v1/component/access-token", componentKey).body());
		String token = lent.path("access_token").asString();
		assertThat(token).isEqualTo(this.componentTokens.get());
		JsonNode renewed = json.readTree(post("/api/v1/component/access-token/invalid", componentKey,
				"{\"access_token\":\"" + token + "\"}").body());
		assertThat(renewed.path("access_token").asString()).isNotEqualTo(token)
			.isEqualTo(this.componentTokens.get());
		assertThat(this.log.count(null, LendLog.Kind.LEND)).isPositive();
	}

	@Test
	void aKeysOwnLimitAnswers429WithRetryAfter() throws Exception {
		String appId = onboardedAccount("借用庚", 7);
		String limited = key(null, new ApiKeyGrant(Set.of(ApiScope.TOKEN_LEND), List.of(), null, 2, null));
		assertThat(get("/api/v1/accounts/" + appId + "/access-token", limited).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/" + appId + "/access-token", limited).statusCode()).isEqualTo(200);
		HttpResponse<String> third = get("/api/v1/accounts/" + appId + "/access-token", limited);
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
	}

	private String key(Long tenantId, ApiKeyGrant grant) {
		return this.keys.create("lending test", tenantId, grant, "test").secret();
	}

	private static ApiKeyGrant grant(Set<ApiScope> scopes, String appId) {
		return new ApiKeyGrant(scopes, List.of(), appId, null, null);
	}

	private long tenantOf(String appId) {
		return this.jdbc.sql("select tenant_id from official_account where appid = :a")
			.param("a", appId)
			.query(Long.class)
			.single();
	}

	static HttpResponse<String> get(String path, String key) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + path))
			.header("Authorization", "Bearer " + key)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> post(String path, String key, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + path))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

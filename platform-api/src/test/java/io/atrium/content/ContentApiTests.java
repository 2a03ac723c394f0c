package io.atrium.content;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.apikey.ApiKeyService;
import io.atrium.token.TestSandbox;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API over HTTP with API keys: every endpoint's happy path and every row of the error mapping.
 */
class ContentApiTests extends ContentIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	ApiKeyService keys;

	@Autowired
	AuthorizerTokenManager tokens;

	private String platformKey;

	@BeforeEach
	void platformKey() {
		this.platformKey = this.keys.create("tests", null, "test").secret();
	}

	@Test
	void refusesRequestsWithoutAnActiveKey() throws Exception {
		HttpResponse<String> none = get("/api/v1/accounts", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((v) -> assertThat(v).startsWith("Bearer"));
		assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(get("/api/v1/accounts", "atr_not-a-key-not-a-key-not-a-key-xx").statusCode()).isEqualTo(401);
		var issued = this.keys.create("revoked", null, "test");
		assertThat(get("/api/v1/accounts", issued.secret()).statusCode()).isEqualTo(200);
		this.keys.revoke(issued.key().id(), "test");
		assertThat(get("/api/v1/accounts", issued.secret()).statusCode()).isEqualTo(401);
	}

	@Test
	void listsTheCallersAccountsWithStatusAndSets() throws Exception {
		String mine = onboardedAccount("甲", 1, 7, 11);
		String theirs = onboardedAccount("乙", 7);
		long myTenant = this.jdbc.sql("select tenant_id from official_account where appid = :a").param("a", mine)
			.query(Long.class).single();
		String tenantKey = this.keys.create("甲's backend", myTenant, "test").secret();
		JsonNode all = body(get("/api/v1/accounts", this.platformKey));
		assertThat(appids(all)).containsExactlyInAnyOrder(mine, theirs);
		JsonNode own = body(get("/api/v1/accounts", tenantKey));
		assertThat(appids(own)).containsExactly(mine);
		assertThat(own.get(0).path("status").asString()).isEqualTo("AUTHORIZED");
		assertThat(own.get(0).path("permission_sets").findValuesAsString("code")).containsExactly("MESSAGE_MANAGEMENT",
				"MASS_SEND_AND_NOTIFY", "MATERIAL_MANAGEMENT");
		// A tenant key cannot read another tenant's account, and cannot tell it exists.
		HttpResponse<String> other = get("/api/v1/accounts/" + theirs + "/articles", tenantKey);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(body(other).path("detail").asString()).isEqualTo("No official account " + theirs);
		assertThat(get("/api/v1/accounts/" + mine + "/materials/count", tenantKey).statusCode()).isEqualTo(200);
		// Every other way in is closed too, including a cursor taken from the key's own account.
		String cursor = body(get("/api/v1/accounts/" + mine + "/articles?count=1", tenantKey)).path("next_cursor")
			.asString();
		assertThat(cursor).isNotBlank();
		for (String path : List.of("/articles/any-article-id", "/materials?type=image", "/materials/count",
				"/articles?cursor=" + cursor)) {
			HttpResponse<String> answer = get("/api/v1/accounts/" + theirs + path, tenantKey);
			assertThat(answer.statusCode()).as(path).isEqualTo(404);
			assertThat(body(answer).path("detail").asString()).as(path).isEqualTo("No official account " + theirs);
		}
		assertThat(control.calls(theirs, BATCHGET)).isZero();
		assertThat(control.calls(theirs, "/cgi-bin/material/get_materialcount")).isZero();
	}

	@Test
	void articlesPassEveryFieldWeChatSendsAndWalkByCursor() throws Exception {
		String appId = onboardedAccount("星河咖啡", 7);
		JsonNode first = body(get("/api/v1/accounts/" + appId + "/articles?count=20", this.platformKey));
		JsonNode raw = wechat(BATCHGET, appId, json.createObjectNode().put("offset", 0).put("count", 20).put("no_content", 0));
		assertThat(withoutCursor(first)).isEqualTo(raw);
		assertThat(first.path("item").findValues("news_item")).anySatisfy((items) -> assertThat(items.size()).isGreaterThan(1));
		List<String> ids = new ArrayList<>(first.path("item").findValuesAsString("article_id"));
		JsonNode next = body(get("/api/v1/accounts/" + appId + "/articles?cursor=" + first.path("next_cursor").asString(),
				this.platformKey));
		ids.addAll(next.path("item").findValuesAsString("article_id"));
		assertThat(next.has("next_cursor")).isFalse();
		assertThat(ids).hasSize(24).doesNotHaveDuplicates();
		JsonNode light = body(get("/api/v1/accounts/" + appId + "/articles?offset=3&count=3&withContent=false",
				this.platformKey));
		assertThat(withoutCursor(light)).isEqualTo(
				wechat(BATCHGET, appId, json.createObjectNode().put("offset", 3).put("count", 3).put("no_content", 1)));
		// Byte for byte: WeChat's answer as it came, the cursor added before its closing brace.
		String passed = get("/api/v1/accounts/" + appId + "/articles?offset=3&count=3&withContent=false",
				this.platformKey).body();
		String direct = wechatText(BATCHGET, appId,
				json.createObjectNode().put("offset", 3).put("count", 3).put("no_content", 1));
		int end = direct.lastIndexOf('}');
		assertThat(passed).isEqualTo(direct.substring(0, end) + ",\"next_cursor\":\""
				+ json.readTree(passed).path("next_cursor").asString() + "\"" + direct.substring(end));
	}

	@Test
	void oneArticleAndMaterialsPassEveryFieldWeChatSends() throws Exception {
		String appId = onboardedAccount("素材", 7, 11);
		String articleId = body(get("/api/v1/accounts/" + appId + "/articles?offset=2&count=1", this.platformKey))
			.path("item").get(0).path("article_id").asString();
		JsonNode article = body(get("/api/v1/accounts/" + appId + "/articles/" + articleId, this.platformKey));
		assertThat(article.path("news_item").size()).isGreaterThan(1);
		assertThat(article).isEqualTo(wechat(GETARTICLE, appId, json.createObjectNode().put("article_id", articleId)));
		for (String type : List.of("image", "video", "voice", "news")) {
			JsonNode page = body(get("/api/v1/accounts/" + appId + "/materials?type=" + type + "&count=20",
					this.platformKey));
			assertThat(withoutCursor(page)).isEqualTo(wechat(MATERIALS, appId,
					json.createObjectNode().put("type", type).put("offset", 0).put("count", 20)));
		}
		JsonNode count = body(get("/api/v1/accounts/" + appId + "/materials/count", this.platformKey));
		assertThat(count).isEqualTo(wechat(MATERIAL_COUNT, appId, null));
		String token = this.tokens.get(appId);
		assertThat(article.toString()).doesNotContain(token);
	}

	@Test
	void badParametersAre400WithoutAnyUpstreamCall() throws Exception {
		String appId = onboardedAccount("参数", 7, 11);
		for (String query : List.of("/articles?count=0", "/articles?count=21", "/articles?offset=-1",
				"/articles?count=abc", "/articles?cursor=Zm9v", "/materials?type=gif", "/materials?count=5",
				"/materials?type=image&count=21")) {
			HttpResponse<String> response = get("/api/v1/accounts/" + appId + query, this.platformKey);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(query)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(control.calls(BATCHGET) + control.calls(MATERIALS)).isZero();
	}

	@Test
	void errorsNoControllerMakesAreProblemsToo() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + TestSandbox.ATRIUM_PORT;
		Map<String, HttpRequest.Builder> requests = new LinkedHashMap<>();
		requests.put("404", HttpRequest.newBuilder(URI.create(base + "/api/v1/no-such-endpoint")).GET());
		requests.put("405", HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts"))
			.DELETE());
		requests.put("406", HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts"))
			.header("Accept", "application/xml")
			.GET());
		requests.put("400", HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts/%255c")).GET());
		for (Map.Entry<String, HttpRequest.Builder> entry : requests.entrySet()) {
			HttpResponse<String> answer = client.send(
					entry.getValue().header("Authorization", "Bearer " + this.platformKey).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(entry.getKey()).isEqualTo(Integer.parseInt(entry.getKey()));
			assertThat(answer.headers().firstValue("Content-Type")).as(entry.getKey())
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = body(answer);
			assertThat(problem.path("status").asInt()).as(entry.getKey()).isEqualTo(answer.statusCode());
			assertThat(problem.path("title").asString()).as(entry.getKey()).isNotBlank();
			assertThat(answer.body()).as(entry.getKey()).doesNotContain("trace", "exception", "Whitelabel");
		}
	}

	@Test
	void aCursorWorksOnlyOnTheAccountItWasMintedForAndAWildArticleIdSpendsNoQuota() throws Exception {
		String first = onboardedAccount("游标甲", 7, 11);
		String second = onboardedAccount("游标乙", 7, 11);
		String cursor = body(get("/api/v1/accounts/" + first + "/articles?count=1", this.platformKey))
			.path("next_cursor").asString();
		int calls = control.calls(BATCHGET);

		HttpResponse<String> elsewhere = get("/api/v1/accounts/" + second + "/articles?cursor=" + cursor,
				this.platformKey);
		assertThat(elsewhere.statusCode()).isEqualTo(400);
		assertThat(body(elsewhere).path("parameter").asString()).isEqualTo("cursor");
		HttpResponse<String> asMaterials = get("/api/v1/accounts/" + first + "/materials?cursor=" + cursor,
				this.platformKey);
		assertThat(asMaterials.statusCode()).isEqualTo(400);
		HttpResponse<String> wild = get("/api/v1/accounts/" + first + "/articles/" + "A".repeat(5000),
				this.platformKey);
		assertThat(wild.statusCode()).isEqualTo(400);
		assertThat(body(wild).path("parameter").asString()).isEqualTo("articleId");

		assertThat(control.calls(BATCHGET)).isEqualTo(calls);
		assertThat(control.calls(GETARTICLE) + control.calls(MATERIALS)).isZero();
		assertThat(get("/api/v1/accounts/" + first + "/articles?cursor=" + cursor, this.platformKey).statusCode())
			.isEqualTo(200);
	}

	@Test
	void unknownAccountsAre404() throws Exception {
		HttpResponse<String> response = get("/api/v1/accounts/wx0000000000000000/materials/count", this.platformKey);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(body(response).path("status").asInt()).isEqualTo(404);
	}

	@Test
	void missingPermissionSetsAre403NamingTheSet() throws Exception {
		String appId = onboardedAccount("无权限", 1, 11);
		HttpResponse<String> response = get("/api/v1/accounts/" + appId + "/articles", this.platformKey);
		assertThat(response.statusCode()).isEqualTo(403);
		JsonNode problem = body(response);
		assertThat(problem.path("detail").asString()).contains("权限集 7 群发与通知 (MASS_SEND_AND_NOTIFY) not granted");
		assertThat(problem.path("permission_sets").get(0).asInt()).isEqualTo(7);
		assertThat(problem.has("errcode")).isFalse();
		fault(MATERIALS, appId, 61007, 1);
		JsonNode refused = body(get("/api/v1/accounts/" + appId + "/materials?type=image", this.platformKey));
		assertThat(refused.path("status").asInt()).isEqualTo(403);
		assertThat(refused.path("errcode").asInt()).isEqualTo(61007);
		assertThat(refused.path("rid").asString()).isNotBlank();
		fault(MATERIALS, appId, 48001, 1);
		assertThat(body(get("/api/v1/accounts/" + appId + "/materials?type=image", this.platformKey)).path("errcode")
			.asInt()).isEqualTo(48001);
		assertThat(control.calls(BATCHGET)).isZero();
	}

	@Test
	void unknownArticleIs404WithWeChatsErrcode() throws Exception {
		String appId = onboardedAccount("文章", 7);
		HttpResponse<String> response = get("/api/v1/accounts/" + appId + "/articles/nope", this.platformKey);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(body(response).path("errcode").asInt()).isEqualTo(53600);
		assertThat(body(response).path("rid").asString()).isNotBlank();
	}

	@Test
	void accountsThatNeedReauthorizationOrAreRevokedAre409() throws Exception {
		String stale = onboardedAccount("重新授权", 7);
		this.authorizations.markNeedsReauthorization(stale, "test", "test");
		JsonNode needs = body(get("/api/v1/accounts/" + stale + "/articles", this.platformKey));
		assertThat(needs.path("status").asInt()).isEqualTo(409);
		assertThat(needs.path("detail").asString()).contains("needs re-authorization");
		assertThat(needs.path("account_status").asString()).isEqualTo("NEEDS_REAUTH");
		String revoked = onboardedAccount("撤销", 7);
		this.authorizations.revoke(revoked, "test");
		JsonNode gone = body(get("/api/v1/accounts/" + revoked + "/articles", this.platformKey));
		assertThat(gone.path("status").asInt()).isEqualTo(409);
		assertThat(gone.path("detail").asString()).contains("revoked");
		assertThat(control.calls(BATCHGET)).isZero();
	}

	@Test
	void quotaErrorsAre429WithRetryAfter() throws Exception {
		String appId = onboardedAccount("配额", 7, 11);
		fault(BATCHGET, appId, 45009, 1);
		HttpResponse<String> daily = get("/api/v1/accounts/" + appId + "/articles", this.platformKey);
		assertThat(daily.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(daily.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
		assertThat(body(daily).path("errcode").asInt()).isEqualTo(45009);
		HttpResponse<String> again = get("/api/v1/accounts/" + appId + "/articles", this.platformKey);
		assertThat(again.statusCode()).isEqualTo(429);
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(1);
		fault(MATERIALS, appId, 45011, 1);
		HttpResponse<String> minute = get("/api/v1/accounts/" + appId + "/materials?type=news", this.platformKey);
		assertThat(minute.statusCode()).isEqualTo(429);
		assertThat(minute.headers().firstValue("Retry-After")).hasValue("60");
		for (int i = 0; i < 5; i++) {
			assertThat(get("/api/v1/accounts/" + appId + "/materials/count", this.platformKey).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> local = get("/api/v1/accounts/" + appId + "/materials/count", this.platformKey);
		assertThat(local.statusCode()).isEqualTo(429);
		assertThat(local.headers().firstValue("Retry-After")).isPresent();
		assertThat(body(local).has("errcode")).isFalse();
	}

	@Test
	void upstreamStillFailingAfterRetriesIs503Or502() throws Exception {
		String appId = onboardedAccount("故障", 7, 11);
		fault(BATCHGET, appId, -1, 50);
		HttpResponse<String> busy = get("/api/v1/accounts/" + appId + "/articles", this.platformKey);
		assertThat(busy.statusCode()).isEqualTo(503);
		assertThat(body(busy).path("errcode").asInt()).isEqualTo(-1);
		assertThat(busy.headers().firstValue("Retry-After")).isPresent();
		httpFault(MATERIALS, appId, 502, 50);
		HttpResponse<String> down = get("/api/v1/accounts/" + appId + "/materials?type=image", this.platformKey);
		assertThat(down.statusCode()).isEqualTo(502);
		assertThat(down.body()).doesNotContain("access_token");
	}

	@Test
	void noTokenToBeHadIs503ProblemWithRetryAfterAndNoSecret() throws Exception {
		String appId = onboardedAccount("无票", 7, 11);
		// Redis lost every token and PostgreSQL has no verify ticket: no component token, so no authorizer token.
		flushRedis();
		this.jdbc.sql("delete from component_verify_ticket").update();

		HttpResponse<String> answer = get("/api/v1/accounts/" + appId + "/articles", this.platformKey);

		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(body(answer).path("title").asString()).isEqualTo("Access token unavailable");
		assertThat(answer.body()).doesNotContain("ticket@@@", "access_token", "refreshtoken@@@");
	}

	private JsonNode wechat(String endpoint, String appId, ObjectNode request) throws IOException, InterruptedException {
		return json.readTree(wechatText(endpoint, appId, request));
	}

	private String wechatText(String endpoint, String appId, ObjectNode request) throws IOException, InterruptedException {
		URI uri = URI.create(sandbox.baseUrl() + endpoint + "?access_token=" + this.tokens.get(appId));
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
		builder = (request != null) ? builder.POST(HttpRequest.BodyPublishers.ofString(request.toString())) : builder.GET();
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static JsonNode withoutCursor(JsonNode page) {
		ObjectNode copy = (ObjectNode) page.deepCopy();
		copy.remove("next_cursor");
		return copy;
	}

	private static List<String> appids(JsonNode accounts) {
		return accounts.findValuesAsString("appid");
	}

	private static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + path));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}

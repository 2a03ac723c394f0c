package io.atrium.gateway;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.atrium.apikey.ApiKeyGrant;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiScope;
import io.atrium.content.ContentIntegrationTests;
import io.atrium.token.TestSandbox;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway over HTTP against the sandbox: pass-through both ways, the registry's gating before WeChat, allow-lists
 * and bindings, the token heal with one replay, retries only where the registry allows them, quota breakers.
 */
class GatewayApiTests extends ContentIntegrationTests {

	private static final String AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";

	private static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	ApiKeyService keys;

	@Autowired
	AuthorizerTokenManager tokens;

	@Test
	void forwardsAGetAndAPostByteForByteWithTheAccountsToken() throws Exception {
		String appId = onboardedAccount("网关甲", 7, 11);
		String key = key(null, "/cgi-bin/**");
		HttpResponse<String> count = get(appId, MATERIAL_COUNT, key);
		assertThat(count.statusCode()).isEqualTo(200);
		assertThat(count.body()).isEqualTo(direct("GET", MATERIAL_COUNT, this.tokens.get(appId), null));
		String page = "{\"offset\":0,\"count\":2,\"no_content\":1}";
		HttpResponse<String> published = post(appId, BATCHGET, key, page);
		assertThat(published.statusCode()).isEqualTo(200);
		assertThat(published.body()).isEqualTo(direct("POST", BATCHGET, this.tokens.get(appId), page));
		assertThat(json.readTree(published.body()).path("item").size()).isEqualTo(2);
		// Neither the key nor the real token appears in what the caller gets back.
		assertThat(published.body()).doesNotContain(key).doesNotContain(this.tokens.get(appId));
	}

	@Test
	void aMenuIsCreatedAndReadBackThroughTheGateway() throws Exception {
		String appId = onboardedAccount("网关菜单", 15);
		String key = key(null, "/cgi-bin/menu/*");
		String menu = "{\"button\":[{\"type\":\"click\",\"name\":\"今日歌曲\",\"key\":\"V1001_TODAY_MUSIC\"}]}";
		JsonNode created = json.readTree(post(appId, "/cgi-bin/menu/create", key, menu).body());
		assertThat(created.path("errcode").asInt()).isZero();
		HttpResponse<String> read = get(appId, "/cgi-bin/menu/get", key);
		assertThat(read.body()).isEqualTo(direct("GET", "/cgi-bin/menu/get", this.tokens.get(appId), null));
		assertThat(json.readTree(read.body()).path("menu").path("button").get(0).path("name").asString())
			.isEqualTo("今日歌曲");
	}

	@Test
	void aPathWhoseSetTheAccountLacksIsRefusedBeforeWeChatIsCalled() throws Exception {
		String appId = onboardedAccount("网关乙", 7);
		String key = key(null, "/cgi-bin/**");
		int before = control.calls(appId, MATERIAL_COUNT);
		HttpResponse<String> refused = get(appId, MATERIAL_COUNT, key);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(refused.body()).path("permission_sets")).extracting(JsonNode::asInt)
			.containsExactly(11, 100);
		assertThat(control.calls(appId, MATERIAL_COUNT)).isEqualTo(before);
	}

	@Test
	void aKeyCallsOnlyWhatItsScopeAllowListAndTenantAllow() throws Exception {
		String mine = onboardedAccount("网关丙", 1, 7, 11);
		String theirs = onboardedAccount("网关丁", 1, 7, 11);
		long tenant = this.jdbc.sql("select tenant_id from official_account where appid = :a")
			.param("a", mine)
			.query(Long.class)
			.single();
		String menuOnly = key(tenant, "/cgi-bin/menu/*");
		assertThat(get(mine, MATERIAL_COUNT, menuOnly).statusCode()).isEqualTo(403);
		String tenantKey = key(tenant, "/cgi-bin/**");
		assertThat(get(mine, MATERIAL_COUNT, tenantKey).statusCode()).isEqualTo(200);
		HttpResponse<String> other = get(theirs, MATERIAL_COUNT, tenantKey);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(other.body()).doesNotContain("total_count");
		String everything = key(null, "/**");
		assertThat(get(mine, AUTHORIZER_TOKEN, everything).statusCode()).isEqualTo(400);
		assertThat(get(mine, "/cgi-bin/token", everything).statusCode()).isEqualTo(400);
		assertThat(post(mine, "/cgi-bin/clear_quota", everything, "{}").statusCode()).isEqualTo(400);
		String contentKey = this.keys.create("content", null, "test").secret();
		HttpResponse<String> noScope = get(mine, MATERIAL_COUNT, contentKey);
		assertThat(noScope.statusCode()).isEqualTo(403);
		assertThat(json.readTree(noScope.body()).path("detail").asString()).contains("wechat:call");
	}

	@Test
	void aRefusedTokenIsRenewedAndTheCallReplayedOnce() throws Exception {
		String appId = onboardedAccount("网关戊", 11);
		String key = key(null, "/cgi-bin/**");
		assertThat(get(appId, MATERIAL_COUNT, key).statusCode()).isEqualTo(200);
		String before = this.tokens.get(appId);
		int refreshes = control.calls(appId, AUTHORIZER_TOKEN);
		int calls = control.calls(appId, MATERIAL_COUNT);
		control.invalidateTokens(appId);
		HttpResponse<String> healed = get(appId, MATERIAL_COUNT, key);
		assertThat(json.readTree(healed.body()).path("errcode").asInt(0)).isZero();
		assertThat(json.readTree(healed.body()).has("image_count")).isTrue();
		assertThat(this.tokens.get(appId)).isNotEqualTo(before);
		assertThat(control.calls(appId, AUTHORIZER_TOKEN) - refreshes).isEqualTo(1);
		assertThat(control.calls(appId, MATERIAL_COUNT) - calls).isEqualTo(2);
	}

	@Test
	void transientFaultsAreRetriedForReadsButASendGoesOutOnce() throws Exception {
		String appId = onboardedAccount("网关己", 1, 11);
		String key = key(null, "/cgi-bin/**");
		fault(MATERIAL_COUNT, appId, -1, 2);
		int counts = control.calls(appId, MATERIAL_COUNT);
		HttpResponse<String> read = get(appId, MATERIAL_COUNT, key);
		assertThat(json.readTree(read.body()).path("errcode").asInt(0)).isZero();
		assertThat(control.calls(appId, MATERIAL_COUNT) - counts).isEqualTo(3);
		fault(CUSTOM_SEND, appId, -1, 1);
		int sends = control.calls(appId, CUSTOM_SEND);
		HttpResponse<String> send = post(appId, CUSTOM_SEND, key,
				"{\"touser\":\"o-someone\",\"msgtype\":\"text\",\"text\":{\"content\":\"你好\"}}");
		assertThat(send.statusCode()).isEqualTo(200);
		assertThat(json.readTree(send.body()).path("errcode").asInt()).isEqualTo(-1);
		assertThat(control.calls(appId, CUSTOM_SEND) - sends).isEqualTo(1);
	}

	@Test
	void aQuotaErrorIsPassedOnAndOpensTheBreakerForThatApi() throws Exception {
		String appId = onboardedAccount("网关庚", 7, 11);
		String key = key(null, "/cgi-bin/**");
		fault(BATCHGET, appId, 45009, 1);
		String page = "{\"offset\":0,\"count\":1,\"no_content\":1}";
		HttpResponse<String> spent = post(appId, BATCHGET, key, page);
		assertThat(json.readTree(spent.body()).path("errcode").asInt()).isEqualTo(45009);
		int calls = control.calls(appId, BATCHGET);
		HttpResponse<String> stopped = post(appId, BATCHGET, key, page);
		assertThat(stopped.statusCode()).isEqualTo(429);
		assertThat(stopped.headers().firstValue("Retry-After")).isPresent();
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(calls);
		assertThat(get(appId, MATERIAL_COUNT, key).statusCode()).isEqualTo(200);
	}

	@Test
	void aLargeUploadStreamsToWeChatAndItsDownloadStreamsBackUnchanged() throws Exception {
		String appId = onboardedAccount("网关壬", 11);
		String key = key(null, "/cgi-bin/media/*");
		byte[] image = new byte[3 * 1024 * 1024 / 2];
		new Random(42).nextBytes(image);
		String boundary = "atrium-test-boundary";
		HttpResponse<String> uploaded = http.send(request(appId, "/cgi-bin/media/upload?type=image", key)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "photo.jpg", image)))
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode media = json.readTree(uploaded.body());
		assertThat(media.path("type").asString()).as(uploaded.body()).isEqualTo("image");
		String mediaId = media.path("media_id").asString();
		HttpResponse<byte[]> downloaded = http.send(request(appId, "/cgi-bin/media/get?media_id=" + mediaId, key)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(downloaded.statusCode()).isEqualTo(200);
		assertThat(downloaded.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(downloaded.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).contains(mediaId));
		assertThat(downloaded.body()).isEqualTo(image);
		// Too large to hold, the upload was streamed, so it cannot be replayed: refused for its token, it is
		// answered -1 (every SDK sends it again) once Atrium renewed the token, and the next one goes through.
		control.invalidateTokens(appId);
		HttpResponse<String> refused = http.send(request(appId, "/cgi-bin/media/upload?type=image", key)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "photo.jpg", image)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(json.readTree(refused.body()).path("errcode").asInt()).isEqualTo(-1);
		HttpResponse<String> again = http.send(request(appId, "/cgi-bin/media/upload?type=image", key)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "photo.jpg", image)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(json.readTree(again.body()).path("media_id").asString()).isNotBlank();
		// A small one is held and replayed after the token error instead.
		control.invalidateTokens(appId);
		HttpResponse<String> small = http.send(request(appId, "/cgi-bin/media/upload?type=thumb", key)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "t.jpg", new byte[1000])))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(json.readTree(small.body()).path("media_id").asString()).as(small.body()).isNotBlank();
	}

	private static byte[] multipart(String boundary, String filename, byte[] file) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + filename
				+ "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	@Test
	void anSdkFetchesTheKeyAsItsTokenAndCallsWeChatsPathsOnAtrium() throws Exception {
		String appId = onboardedAccount("网关辛", 11);
		String bound = this.keys.create("sdk", null,
				new ApiKeyGrant(Set.of(ApiScope.WECHAT_CALL), List.of("/cgi-bin/**"), appId, null, null), "test")
			.secret();
		JsonNode token = json.readTree(atrium("GET",
				"/cgi-bin/token?grant_type=client_credential&appid=" + appId + "&secret=" + bound, null).body());
		assertThat(token.path("access_token").asString()).isEqualTo(bound);
		assertThat(token.path("expires_in").asInt()).isPositive();
		assertThat(json.readTree(atrium("GET", "/cgi-bin/token?grant_type=client_credential&appid=wx0&secret=" + bound,
				null).body()).path("errcode").asInt()).isEqualTo(40013);
		HttpResponse<String> count = atrium("GET", MATERIAL_COUNT + "?access_token=" + bound, null);
		assertThat(count.body()).isEqualTo(direct("GET", MATERIAL_COUNT, this.tokens.get(appId), null));
		assertThat(json.readTree(atrium("GET", MATERIAL_COUNT + "?access_token=atr_wrong-wrong-wrong-wrong-wrong-wrong",
				null).body()).path("errcode").asInt()).isEqualTo(40001);
		assertThat(json.readTree(atrium("GET", BATCHGET + "?access_token=" + bound, null).body()).path("errcode")
			.asInt()).isEqualTo(61007);
		String unbound = key(null, "/cgi-bin/**");
		assertThat(json.readTree(atrium("GET", MATERIAL_COUNT + "?access_token=" + unbound, null).body())
			.path("errcode")
			.asInt()).isEqualTo(48001);
	}

	private String key(Long tenantId, String paths) {
		return this.keys.create("gateway test", tenantId,
				new ApiKeyGrant(Set.of(ApiScope.WECHAT_CALL), List.of(paths), null, null, null), "test").secret();
	}

	private static HttpResponse<String> get(String appId, String path, String key) throws Exception {
		return http.send(request(appId, path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String appId, String path, String key, String body) throws Exception {
		return http.send(request(appId, path, key).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String appId, String path, String key) {
		return HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + "/api/v1/accounts/" + appId + "/wechat"
					+ path))
			.header("Authorization", "Bearer " + key);
	}

	private static HttpResponse<String> atrium(String method, String pathAndQuery, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + pathAndQuery));
		request = "GET".equals(method) ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** What the sandbox answers the same call made straight to it. */
	private static String direct(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(sandbox.baseUrl() + path + "?access_token=" + token));
		request = "GET".equals(method) ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

}

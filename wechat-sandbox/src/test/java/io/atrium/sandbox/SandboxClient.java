package io.atrium.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to a running sandbox over HTTP the way a client of WeChat would, plus shortcuts over the control API. Test
 * code only: written against the protocol, not against the sandbox's classes.
 */
public final class SandboxClient {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	public static final String COMPONENT_APPID = SandboxSettings.defaults().componentAppId();

	public static final String COMPONENT_SECRET = SandboxSettings.defaults().componentSecret();

	/** Demo account granting 1, 2, 3, 7, 11, 15 (verified service account). */
	public static final String FULL = "wx5a7c1e9b3d2f4068";

	/** Demo account, unverified, granting 1, 7, 11. */
	public static final String UNVERIFIED = "wx8b2d4f6a1c3e5079";

	/** Demo account granting 1, 2, 3, 15. */
	public static final String NO_CONTENT_SETS = "wx1e3c5a7b9d2f4860";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	SandboxClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public Response get(String path) {
		return send(request(path).GET().build());
	}

	public Response post(String path, Object body) {
		return send(request(path).POST(HttpRequest.BodyPublishers.ofString(toBody(body), StandardCharsets.UTF_8))
			.build());
	}

	public Response put(String path, Object body) {
		return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(toBody(body), StandardCharsets.UTF_8))
			.build());
	}

	public Response delete(String path) {
		return send(request(path).DELETE().build());
	}

	/** POSTs raw bytes, e.g. a multipart/form-data upload. */
	public Response postBytes(String path, String contentType, byte[] body) {
		return send(request(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
	}

	public Response postForm(String path, List<Map.Entry<String, String>> fields) {
		List<String> pairs = new ArrayList<>();
		for (Map.Entry<String, String> field : fields) {
			pairs.add(encode(field.getKey()) + "=" + encode(field.getValue()));
		}
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
			.build());
	}

	/** POSTs and expects a WeChat answer: HTTP 200 with JSON. */
	public JsonNode call(String path, Object body) {
		Response response = post(path, body);
		assertThat(response.status()).as("HTTP status of %s: %s", path, response.body()).isEqualTo(200);
		return response.json();
	}

	/** POSTs to the control API and expects 2xx. */
	public JsonNode control(String path, Object body) {
		Response response = post(path, body);
		assertThat(response.status()).as("control %s: %s", path, response.body()).isBetween(200, 299);
		return response.json();
	}

	// Shortcuts over the control API and the component endpoints.

	public void reset() {
		control("/sandbox/reset", "");
	}

	public JsonNode advance(long seconds) {
		return control("/sandbox/clock/advance", Map.of("seconds", seconds));
	}

	public long now() {
		return get("/sandbox/clock").json().get("epochSecond").asLong();
	}

	public String pushTicket() {
		return control("/sandbox/tickets/push", "").get("ticket").asString();
	}

	public JsonNode componentTokenCall(String ticket) {
		return call("/cgi-bin/component/api_component_token", Map.of("component_appid", COMPONENT_APPID,
				"component_appsecret", COMPONENT_SECRET, "component_verify_ticket", ticket));
	}

	public String componentToken() {
		JsonNode answer = componentTokenCall(pushTicket());
		assertThat(answer.has("component_access_token")).as(answer.toString()).isTrue();
		return answer.get("component_access_token").asString();
	}

	/** Authorizes an account through the control API; answers the authorization code. */
	public String authorize(String appid, Object... permissionSets) {
		Object body = (permissionSets.length == 0) ? "" : Map.of("permissionSets", List.of(permissionSets));
		return control("/sandbox/accounts/" + appid + "/authorize", body).get("authorizationCode").asString();
	}

	public JsonNode queryAuth(String componentToken, String code) {
		return call("/cgi-bin/component/api_query_auth?component_access_token=" + componentToken,
				Map.of("component_appid", COMPONENT_APPID, "authorization_code", code));
	}

	/** Authorizes an account and redeems the code: the authorization_info object. */
	public JsonNode onboard(String componentToken, String appid, Object... permissionSets) {
		JsonNode answer = queryAuth(componentToken, authorize(appid, permissionSets));
		assertThat(answer.has("authorization_info")).as(answer.toString()).isTrue();
		return answer.get("authorization_info");
	}

	/** An authorizer access token for an account, authorizing it first. */
	public String authorizerToken(String appid, Object... permissionSets) {
		return onboard(componentToken(), appid, permissionSets).get("authorizer_access_token").asString();
	}

	public JsonNode business(String path, String accessToken, Object body) {
		return call(path + "?access_token=" + accessToken, body);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(20));
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String toBody(Object body) {
		return (body instanceof String text) ? text : JSON.writeValueAsString(body);
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public static void assertError(JsonNode answer, int errcode) {
		assertThat(answer.path("errcode").asInt()).as(answer.toString()).isEqualTo(errcode);
		assertThat(answer.get("errmsg").asString()).matches(".* rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
	}

	public record Response(int status, Map<String, List<String>> headers, byte[] bytes) {

		public String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(this.bytes);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}

package io.atrium.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.atrium.sandbox.WeChatSandbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's control API (wechat-sandbox/README.md), as tests drive it.
 */
public final class SandboxControl {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WeChatSandbox sandbox;

	private final HttpClient http = HttpClient.newHttpClient();

	public SandboxControl(WeChatSandbox sandbox) {
		this.sandbox = sandbox;
	}

	/** Creates a merchant account granting the given sets; returns its appid. */
	public String createAccount(String nickname, List<Integer> permissionSets) {
		return post("/sandbox/accounts", json.createObjectNode()
			.put("nickname", nickname)
			.set("permissionSets", json.valueToTree(permissionSets))).path("appid").asString();
	}

	/** Authorizes (or re-authorizes) the account as the merchant would; returns the authorization code. */
	public String authorize(String appId) {
		return post("/sandbox/accounts/" + appId + "/authorize", json.createObjectNode()).path("authorizationCode")
			.asString();
	}

	/** Changes the granted sets, as a merchant re-authorizing with other sets would (pushes updateauthorized). */
	public JsonNode changePermissions(String appId, List<Integer> permissionSets) {
		return send(HttpRequest.newBuilder(uri("/sandbox/accounts/" + appId + "/authorization"))
			.PUT(HttpRequest.BodyPublishers.ofString(json.createObjectNode()
				.set("permissionSets", json.valueToTree(permissionSets))
				.toString())));
	}

	/** Makes the next {@code times} calls of an endpoint fail with {@code errcode}. */
	public void fault(String endpoint, int errcode, int times) {
		post("/sandbox/faults",
				json.createObjectNode().put("endpoint", endpoint).put("errcode", errcode).put("times", times));
	}

	/**
	 * Makes the next {@code times} calls of an endpoint wait {@code millis} before the sandbox handles them (and
	 * then handles them as usual), or until {@link #clearFaults()}.
	 */
	public void delay(String endpoint, int millis, int times) {
		post("/sandbox/faults",
				json.createObjectNode().put("endpoint", endpoint).put("delayMillis", millis).put("times", times));
	}

	/** Removes every fault; calls held up by a delay go on at once. */
	public void clearFaults() {
		send(HttpRequest.newBuilder(uri("/sandbox/faults")).DELETE());
	}

	/** The push log, oldest first. */
	public List<JsonNode> pushes() {
		List<JsonNode> pushes = new java.util.ArrayList<>();
		get("/sandbox/pushes").path("pushes").forEach(pushes::add);
		return pushes;
	}

	/** The latest push of a type. */
	public JsonNode lastPush(String infoType) {
		List<JsonNode> pushes = pushes();
		for (int i = pushes.size() - 1; i >= 0; i--) {
			if (infoType.equals(pushes.get(i).path("infoType").asString())) {
				return pushes.get(i);
			}
		}
		throw new IllegalStateException("No " + infoType + " push");
	}

	public JsonNode revoke(String appId) {
		return send(HttpRequest.newBuilder(uri("/sandbox/accounts/" + appId + "/authorization")).DELETE());
	}

	public void invalidateTokens(String appId) {
		post("/sandbox/accounts/" + appId + "/tokens/invalidate", json.createObjectNode());
	}

	/** Calls of one endpoint for one account (or the component appid), successful or not. */
	public int calls(String appId, String endpoint) {
		return get("/sandbox/counters").path("accounts").path(appId).path(endpoint).path("calls").asInt(0);
	}

	/** Calls of one endpoint, for all accounts, that the sandbox answered with success. */
	public int successes(String endpoint) {
		return get("/sandbox/counters").path("endpoints").path(endpoint).path("ok").asInt(0);
	}

	/** Calls of one endpoint for all accounts. */
	public int calls(String endpoint) {
		return get("/sandbox/counters").path("endpoints").path(endpoint).path("calls").asInt(0);
	}

	public JsonNode get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public JsonNode post(String path, JsonNode body) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	public JsonNode put(String path, JsonNode body) {
		return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	public JsonNode delete(String path) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE());
	}

	private URI uri(String path) {
		return URI.create(this.sandbox.baseUrl() + path);
	}

	private JsonNode send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.header("Content-Type", "application/json").build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 400) {
				throw new IllegalStateException("Sandbox answered " + response.statusCode() + ": " + response.body());
			}
			return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

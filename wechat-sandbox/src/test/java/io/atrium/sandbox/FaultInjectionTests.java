package io.atrium.sandbox;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.UNVERIFIED;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Faults injected per endpoint through {@code /sandbox/faults}. */
class FaultInjectionTests extends AbstractSandboxTests {

	private static final String COUNT = "/cgi-bin/material/get_materialcount";

	@Test
	void errcodeFaultHitsTheGivenNumberOfCalls() {
		String token = client.authorizerToken(FULL);
		addFault(Map.of("endpoint", COUNT, "errcode", -1, "times", 2));
		JsonNode first = count(token);
		assertError(first, -1);
		assertThat(first.get("errmsg").asString()).startsWith("system error rid: ");
		assertError(count(token), -1);
		assertThat(count(token).has("image_count")).isTrue();
	}

	@Test
	void faultComesBeforeTheTokenCheck() {
		addFault(Map.of("endpoint", COUNT, "errcode", 45009, "times", 1));
		assertError(client.get(COUNT + "?access_token=nonsense").json(), 45009);
		assertError(client.get(COUNT + "?access_token=nonsense").json(), 40001);
	}

	@Test
	void faultMayCarryItsOwnMessage() {
		addFault(Map.of("endpoint", COUNT, "errcode", 40014, "errmsg", "invalid access_token", "times", 1));
		JsonNode answer = client.get(COUNT + "?access_token=x").json();
		assertError(answer, 40014);
		assertThat(answer.get("errmsg").asString()).startsWith("invalid access_token rid: ");
	}

	@Test
	void httpStatusFaultAnswersAGatewayPage() {
		String token = client.authorizerToken(FULL);
		addFault(Map.of("endpoint", COUNT, "httpStatus", 503, "times", 1));
		SandboxClient.Response response = client.get(COUNT + "?access_token=" + token);
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(client.get(COUNT + "?access_token=" + token).status()).isEqualTo(200);
	}

	@Test
	void delayFaultSlowsACallDownByAtLeastItsDelayThenIsSpent() {
		String token = client.authorizerToken(FULL);
		addFault(Map.of("endpoint", COUNT, "delayMillis", 300, "times", 1));
		long start = System.nanoTime();
		assertThat(count(token).has("image_count")).isTrue();
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
		// No upper bound on the next call's time (a loaded machine may be slow): the fault is simply gone.
		assertThat(client.get("/sandbox/faults").json().get("faults")).isEmpty();
		assertThat(count(token).has("image_count")).isTrue();
	}

	@Test
	void probabilityOneAlwaysAndZeroNeverFires() {
		String token = client.authorizerToken(FULL);
		addFault(Map.of("endpoint", COUNT, "errcode", -1, "probability", 0.0));
		for (int i = 0; i < 20; i++) {
			assertThat(count(token).has("image_count")).isTrue();
		}
		client.delete("/sandbox/faults");
		addFault(Map.of("endpoint", COUNT, "errcode", -1, "probability", 1.0));
		for (int i = 0; i < 20; i++) {
			assertError(count(token), -1);
		}
	}

	@Test
	void faultMayBeRestrictedToOneAccount() {
		String full = client.authorizerToken(FULL);
		String other = client.authorizerToken(UNVERIFIED);
		addFault(Map.of("endpoint", COUNT, "errcode", -1, "appid", FULL));
		assertError(count(full), -1);
		assertThat(count(other).has("image_count")).isTrue();
	}

	@Test
	void accountFaultOnAComponentEndpointFollowsTheAuthorizerInTheBody() {
		String componentToken = client.componentToken();
		JsonNode info = client.onboard(componentToken, FULL);
		addFault(Map.of("endpoint", "/cgi-bin/component/api_authorizer_token", "errcode", -1, "appid", FULL));
		JsonNode answer = client.call("/cgi-bin/component/api_authorizer_token?component_access_token="
				+ componentToken, Map.of("component_appid", SandboxClient.COMPONENT_APPID, "authorizer_appid", FULL,
						"authorizer_refresh_token", info.get("authorizer_refresh_token").asString()));
		assertError(answer, -1);
	}

	@Test
	void faultsAreListedAndCleared() {
		addFault(Map.of("endpoint", COUNT, "errcode", -1, "times", 3));
		JsonNode faults = client.get("/sandbox/faults").json().get("faults");
		assertThat(faults).hasSize(1);
		assertThat(faults.get(0).get("remaining").asInt()).isEqualTo(3);
		assertThat(client.delete("/sandbox/faults").status()).isEqualTo(204);
		assertThat(client.get("/sandbox/faults").json().get("faults")).isEmpty();
		String token = client.authorizerToken(FULL);
		assertThat(count(token).has("image_count")).isTrue();
	}

	@Test
	void badFaultsAre400() {
		assertThat(client.post("/sandbox/faults", Map.of("endpoint", "/nope", "errcode", -1)).status())
			.isEqualTo(400);
		assertThat(client.post("/sandbox/faults", Map.of("endpoint", COUNT)).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/faults", Map.of("endpoint", COUNT, "errcode", -1, "probability", 2))
			.status()).isEqualTo(400);
		assertThat(client.post("/sandbox/faults", Map.of("endpoint", COUNT, "httpStatus", 99)).status())
			.isEqualTo(400);
		assertThat(client.post("/sandbox/faults", "{oops").json().get("error").asString()).contains("JSON");
	}

	@Test
	void latencyHoldsEveryCallAndOutlivesAReset() {
		String token = client.authorizerToken(FULL);
		SandboxClient.Response set = client.put("/sandbox/latency", Map.of("minMillis", 150, "maxMillis", 200));
		assertThat(set.status()).isEqualTo(200);
		try {
			client.reset();
			assertThat(client.get("/sandbox/latency").json().get("minMillis").asLong()).isEqualTo(150);
			token = client.authorizerToken(FULL);
			long start = System.nanoTime();
			assertThat(count(token).has("image_count")).isTrue();
			assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
		}
		finally {
			client.put("/sandbox/latency", Map.of("minMillis", 0));
		}
		assertThat(client.get("/sandbox/latency").json().get("maxMillis").asLong()).isZero();
	}

	@Test
	void badLatenciesAre400AndChangeNothing() {
		assertThat(client.put("/sandbox/latency", Map.of("minMillis", 50, "maxMillis", 10)).status()).isEqualTo(400);
		assertThat(client.put("/sandbox/latency", Map.of("minMillis", -1)).status()).isEqualTo(400);
		assertThat(client.put("/sandbox/latency", Map.of("maxMillis", 10)).status()).isEqualTo(400);
		assertThat(client.put("/sandbox/latency", Map.of("minMillis", 0, "maxMillis", 60_001)).status())
			.isEqualTo(400);
		assertThat(client.get("/sandbox/latency").json().get("maxMillis").asLong()).isZero();
	}

	@Test
	void resetClearsFaults() {
		addFault(Map.of("endpoint", COUNT, "errcode", -1));
		client.reset();
		assertThat(client.get("/sandbox/faults").json().get("faults")).isEmpty();
	}

	private static void addFault(Map<String, Object> fault) {
		SandboxClient.Response response = client.post("/sandbox/faults", fault);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private static JsonNode count(String token) {
		return client.get(COUNT + "?access_token=" + token).json();
	}

}

package io.atrium.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorizations changed from several threads at once: granting, issuing the code and pushing happen as one step
 * per account, and a change cannot turn into a fresh authorization when a revoke gets in between.
 */
class AuthorizationRaceTests {

	private static final int THREADS = 8;

	private static PushReceiver receiver;

	private static WeChatSandbox sandbox;

	private static SandboxClient client;

	@BeforeAll
	static void start() throws IOException {
		receiver = new PushReceiver(SandboxSettings.defaults());
		sandbox = WeChatSandbox.start(SandboxSettings.defaults().withCallbackUrl(receiver.url()));
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
		receiver.close();
	}

	@BeforeEach
	void reset() {
		client.reset();
		receiver.clear();
	}

	@Test
	void concurrentAuthorizationsPushInTheOrderTheyHappened() {
		for (int round = 0; round < 3; round++) {
			reset();
			List<JsonNode> outcomes = Concurrently.run(THREADS,
					() -> client.control("/sandbox/accounts/" + FULL + "/authorize", ""));
			assertThat(outcomes).extracting((outcome) -> outcome.get("infoType").asString())
				.containsOnlyOnce("authorized")
				.hasSize(THREADS);
			List<PushReceiver.Received> pushes = authorizationPushes();
			assertThat(pushes).hasSize(THREADS);
			assertThat(pushes.get(0).xml().get("InfoType")).as("round %d", round).isEqualTo("authorized");
			assertThat(pushes.subList(1, THREADS))
				.allSatisfy((push) -> assertThat(push.xml().get("InfoType")).isEqualTo("updateauthorized"));
			// The code pushed last belongs to the authorization in force; every earlier one was superseded.
			String token = client.componentToken();
			for (int i = 0; i < THREADS - 1; i++) {
				assertError(client.queryAuth(token, pushes.get(i).xml().get("AuthorizationCode")), 61009);
			}
			JsonNode last = client.queryAuth(token, pushes.get(THREADS - 1).xml().get("AuthorizationCode"));
			assertThat(last.has("authorization_info")).as("round %d: %s", round, last).isTrue();
		}
	}

	@Test
	void aChangeRacingARevokeNeverBecomesAFreshAuthorization() {
		for (int round = 0; round < 20; round++) {
			client.authorize(FULL);
			receiver.clear();
			List<Callable<SandboxClient.Response>> calls = List.of(
					() -> client.delete("/sandbox/accounts/" + FULL + "/authorization"),
					() -> client.put("/sandbox/accounts/" + FULL + "/authorization",
							Map.of("permissionSets", List.of(1, 7))));
			List<SandboxClient.Response> answers = Concurrently.run(2, calls::get);
			SandboxClient.Response revoke = answers.get(0);
			SandboxClient.Response change = answers.get(1);
			assertThat(revoke.status()).as(revoke.body()).isEqualTo(200);
			if (change.status() == 200) {
				assertThat(change.json().get("infoType").asString()).isEqualTo("updateauthorized");
			}
			else {
				assertThat(change.status()).as(change.body()).isEqualTo(409);
			}
			assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorized").asBoolean())
				.as("round %d: the revoke must stand", round)
				.isFalse();
			List<PushReceiver.Received> pushes = receiver.received();
			assertThat(pushes).extracting((push) -> push.xml().get("InfoType")).doesNotContain("authorized");
			assertThat(pushes.get(pushes.size() - 1).xml().get("InfoType")).isEqualTo("unauthorized");
		}
	}

	@Test
	void changingAnAccountThatHasNotAuthorizedIs409AndPushesNothing() {
		SandboxClient.Response change = client.put("/sandbox/accounts/" + FULL + "/authorization",
				Map.of("permissionSets", List.of(1)));
		assertThat(change.status()).isEqualTo(409);
		assertThat(change.json().get("error").asString()).contains("has not authorized");
		assertThat(receiver.received()).isEmpty();
		assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorized").asBoolean()).isFalse();
	}

	private static List<PushReceiver.Received> authorizationPushes() {
		return receiver.received()
			.stream()
			.filter((push) -> !"component_verify_ticket".equals(push.xml().get("InfoType")))
			.toList();
	}

}

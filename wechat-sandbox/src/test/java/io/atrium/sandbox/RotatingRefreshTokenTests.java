package io.atrium.sandbox;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** With rotateRefreshTokens, every api_authorizer_token answer carries a new refresh token. */
class RotatingRefreshTokenTests {

	private static final int THREADS = 16;

	private static WeChatSandbox sandbox;

	private static SandboxClient client;

	@BeforeAll
	static void start() {
		sandbox = WeChatSandbox.start(SandboxSettings.defaults().withRotateRefreshTokens(true));
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void theOldRefreshTokenAnswers61023OnceRotated() {
		String token = client.componentToken();
		String first = client.onboard(token, FULL).get("authorizer_refresh_token").asString();
		JsonNode rotated = refresh(token, first);
		String second = rotated.get("authorizer_refresh_token").asString();
		assertThat(second).startsWith("refreshtoken@@@").isNotEqualTo(first);
		assertError(refresh(token, first), 61023);
		assertThat(refresh(token, second).has("authorizer_access_token")).isTrue();
	}

	@Test
	void ofConcurrentRefreshesWithTheSameTokenExactlyOneSucceeds() {
		String token = client.componentToken();
		String current = client.onboard(token, FULL).get("authorizer_refresh_token").asString();
		for (int round = 0; round < 5; round++) {
			String presented = current;
			List<JsonNode> answers = Concurrently.run(THREADS, () -> refresh(token, presented));
			List<JsonNode> succeeded = answers.stream().filter((answer) -> answer.has("authorizer_access_token"))
				.toList();
			assertThat(succeeded).as("round %d: %s", round, answers).hasSize(1);
			answers.stream().filter((answer) -> !answer.has("authorizer_access_token"))
				.forEach((answer) -> assertError(answer, 61023));
			current = succeeded.get(0).get("authorizer_refresh_token").asString();
			assertThat(current).isNotEqualTo(presented);
		}
		assertThat(refresh(token, current).has("authorizer_access_token")).isTrue();
	}

	private static JsonNode refresh(String componentToken, String refreshToken) {
		return client.call("/cgi-bin/component/api_authorizer_token?component_access_token=" + componentToken,
				Map.of("component_appid", COMPONENT_APPID, "authorizer_appid", FULL, "authorizer_refresh_token",
						refreshToken));
	}

}

package io.atrium.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Pre-auth codes and authorization codes are single use, also when many redeem the same one at once. */
class SingleUseCodeTests extends AbstractSandboxTests {

	private static final int THREADS = 16;

	private static final String REDIRECT = "https://platform.example/wechat/authorized";

	@Test
	void aPreAuthCodeAuthorizesOnceUnderConcurrency() {
		for (int round = 0; round < 3; round++) {
			String preAuthCode = client.call("/cgi-bin/component/api_create_preauthcode?component_access_token="
					+ client.componentToken(), Map.of("component_appid", COMPONENT_APPID))
				.get("pre_auth_code")
				.asString();
			List<Map.Entry<String, String>> form = new ArrayList<>(List.of(Map.entry("component_appid", COMPONENT_APPID),
					Map.entry("pre_auth_code", preAuthCode), Map.entry("redirect_uri", REDIRECT),
					Map.entry("authorizer_appid", FULL), Map.entry("permission_set", "7")));
			List<SandboxClient.Response> answers = Concurrently.run(THREADS,
					() -> client.postForm("/cgi-bin/componentloginpage/confirm", form));
			assertThat(answers).extracting(SandboxClient.Response::status).containsOnly(302, 400);
			assertThat(answers).filteredOn((answer) -> answer.status() == 302).as("round %d", round).hasSize(1);
			assertThat(answers).filteredOn((answer) -> answer.status() == 400)
				.allSatisfy((answer) -> assertThat(answer.body()).contains("预授权码已使用"));
		}
	}

	@Test
	void anAuthorizationCodeIsRedeemedOnceUnderConcurrency() {
		String token = client.componentToken();
		for (int round = 0; round < 3; round++) {
			String code = client.authorize(FULL);
			List<JsonNode> answers = Concurrently.run(THREADS, () -> client.queryAuth(token, code));
			List<JsonNode> redeemed = answers.stream().filter((answer) -> answer.has("authorization_info")).toList();
			assertThat(redeemed).as("round %d: %s", round, answers).hasSize(1);
			answers.stream().filter((answer) -> !answer.has("authorization_info"))
				.forEach((answer) -> assertError(answer, 61009));
			String accessToken = redeemed.get(0).get("authorization_info").get("authorizer_access_token").asString();
			assertThat(client.get("/cgi-bin/material/get_materialcount?access_token=" + accessToken).json()
				.has("image_count")).isTrue();
		}
	}

}

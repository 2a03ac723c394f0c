package io.atrium.sandbox;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.NO_CONTENT_SETS;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /sandbox/counters}: calls per endpoint and per account, with outcomes. */
class CountersTests extends AbstractSandboxTests {

	@Test
	void countsCallsAndOutcomesPerEndpoint() {
		String token = client.componentToken();
		client.componentTokenCall("ticket@@@unknown");
		client.call("/cgi-bin/component/api_create_preauthcode", Map.of("component_appid", COMPONENT_APPID));
		JsonNode endpoints = client.get("/sandbox/counters").json().get("endpoints");
		JsonNode tokenCalls = endpoints.get("/cgi-bin/component/api_component_token");
		assertThat(tokenCalls.get("calls").asInt()).isEqualTo(2);
		assertThat(tokenCalls.get("ok").asInt()).isEqualTo(1);
		assertThat(tokenCalls.get("errors").get("61006").asInt()).isEqualTo(1);
		assertThat(endpoints.get("/cgi-bin/component/api_create_preauthcode").get("errors").get("41001").asInt())
			.isEqualTo(1);
		assertThat(token).isNotBlank();
	}

	@Test
	void attributesCallsToTheAccountsTheyConcern() {
		String componentToken = client.componentToken();
		JsonNode info = client.onboard(componentToken, FULL);
		client.call("/cgi-bin/component/api_authorizer_token?component_access_token=" + componentToken,
				Map.of("component_appid", COMPONENT_APPID, "authorizer_appid", FULL, "authorizer_refresh_token",
						info.get("authorizer_refresh_token").asString()));
		client.call("/cgi-bin/component/api_get_authorizer_info?component_access_token=" + componentToken,
				Map.of("component_appid", COMPONENT_APPID, "authorizer_appid", FULL));
		String accessToken = client.authorizerToken(FULL);
		client.business("/cgi-bin/freepublish/batchget", accessToken, Map.of("offset", 0, "count", 1));
		String limited = client.authorizerToken(NO_CONTENT_SETS);
		client.business("/cgi-bin/freepublish/batchget", limited, Map.of("offset", 0, "count", 1));

		JsonNode accounts = client.get("/sandbox/counters").json().get("accounts");
		JsonNode full = accounts.get(FULL);
		assertThat(full.get("/cgi-bin/component/api_query_auth").get("ok").asInt()).isEqualTo(2);
		assertThat(full.get("/cgi-bin/component/api_authorizer_token").get("ok").asInt()).isEqualTo(1);
		assertThat(full.get("/cgi-bin/component/api_get_authorizer_info").get("ok").asInt()).isEqualTo(1);
		assertThat(full.get("/cgi-bin/freepublish/batchget").get("ok").asInt()).isEqualTo(1);
		assertThat(accounts.get(NO_CONTENT_SETS).get("/cgi-bin/freepublish/batchget").get("errors").get("61007")
			.asInt()).isEqualTo(1);
		JsonNode component = accounts.get(COMPONENT_APPID);
		assertThat(component.get("/cgi-bin/component/api_component_token").get("ok").asInt()).isEqualTo(3);
		assertThat(component.has("/cgi-bin/component/api_query_auth")).isFalse();
	}

	@Test
	void injectedHttpFaultsAreCountedByStatus() {
		client.post("/sandbox/faults", Map.of("endpoint", "/cgi-bin/material/get_materialcount", "httpStatus", 502,
				"times", 1));
		client.get("/cgi-bin/material/get_materialcount?access_token=x");
		JsonNode counted = client.get("/sandbox/counters").json().get("endpoints")
			.get("/cgi-bin/material/get_materialcount");
		assertThat(counted.get("errors").get("http_502").asInt()).isEqualTo(1);
	}

	@Test
	void countersAreClearedOnDeleteAndReset() {
		client.componentToken();
		assertThat(client.delete("/sandbox/counters").status()).isEqualTo(204);
		assertThat(client.get("/sandbox/counters").json().get("endpoints")).isEmpty();
		client.componentToken();
		client.reset();
		assertThat(client.get("/sandbox/counters").json().get("accounts")).isEmpty();
	}

}

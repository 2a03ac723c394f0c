package io.atrium.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.NO_CONTENT_SETS;
import static io.atrium.sandbox.SandboxClient.UNVERIFIED;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The control API's accounts, clock, tickets and reset. */
class ControlApiTests extends AbstractSandboxTests {

	@Test
	void listsTheThreeDemoAccounts() {
		JsonNode accounts = client.get("/sandbox/accounts").json().get("accounts");
		assertThat(accounts).hasSize(3);
		assertThat(accounts.get(0).get("appid").asString()).isEqualTo(FULL);
		assertThat(accounts.get(0).get("verified").asBoolean()).isTrue();
		assertThat(accounts.get(0).get("serviceType").asInt()).isEqualTo(2);
		assertThat(accounts.get(1).get("appid").asString()).isEqualTo(UNVERIFIED);
		assertThat(accounts.get(1).get("verifyTypeInfo").asInt()).isEqualTo(-1);
		assertThat(accounts.get(2).get("appid").asString()).isEqualTo(NO_CONTENT_SETS);
		assertThat(accounts.get(2).get("permissionSets").toString()).isEqualTo("[1,2,3,15]");
		assertThat(accounts.get(0).get("authorized").asBoolean()).isFalse();
	}

	@Test
	void createsAnAccountWithAGeneratedAppid() {
		JsonNode created = client.control("/sandbox/accounts",
				Map.of("nickname", "新店", "serviceType", 0, "verified", false, "permissionSets", List.of(1, 11)));
		assertThat(created.get("appid").asString()).matches("wx[0-9a-f]{16}");
		assertThat(created.get("nickname").asString()).isEqualTo("新店");
		assertThat(created.get("verifyTypeInfo").asInt()).isEqualTo(-1);
		assertThat(created.get("content").get("posts").asInt()).isEqualTo(24);
		assertThat(client.get("/sandbox/accounts").json().get("accounts")).hasSize(4);
		assertThat(client.get("/sandbox/accounts/" + created.get("appid").asString()).status()).isEqualTo(200);
	}

	@Test
	void createsAnAccountWithAGivenAppidOnce() {
		Map<String, Object> account = Map.of("appid", "wx00112233445566ff", "nickname", "指定");
		assertThat(client.post("/sandbox/accounts", account).status()).isEqualTo(201);
		assertThat(client.post("/sandbox/accounts", account).status()).isEqualTo(409);
	}

	@Test
	void rejectsBadAccounts() {
		assertThat(client.post("/sandbox/accounts", Map.of("appid", "nope")).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/accounts", Map.of("serviceType", 7)).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/accounts", Map.of("permissionSets", "7")).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/accounts", Map.of("content", Map.of("posts", -1))).status()).isEqualTo(400);
		SandboxClient.Response response = client.post("/sandbox/accounts", Map.of("verified", "yes"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("verified");
	}

	@Test
	void authorizationStateShowsInTheAccount() {
		client.authorize(FULL, 1, 7);
		JsonNode account = client.get("/sandbox/accounts/" + FULL).json();
		assertThat(account.get("authorized").asBoolean()).isTrue();
		assertThat(account.get("authorization").get("permissionSets").toString()).isEqualTo("[1,7]");
		client.delete("/sandbox/accounts/" + FULL + "/authorization");
		assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorized").asBoolean()).isFalse();
	}

	@Test
	void authorizationControlErrors() {
		assertThat(client.post("/sandbox/accounts/wx0000000000000000/authorize", "").status()).isEqualTo(404);
		assertThat(client.delete("/sandbox/accounts/" + FULL + "/authorization").status()).isEqualTo(409);
		assertThat(client.put("/sandbox/accounts/" + FULL + "/authorization", Map.of("permissionSets", List.of(1)))
			.status()).isEqualTo(409);
		client.authorize(FULL);
		assertThat(client.put("/sandbox/accounts/" + FULL + "/authorization", Map.of()).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/accounts/" + FULL + "/authorize", Map.of("permissionSets", List.of()))
			.status()).isEqualTo(400);
	}

	@Test
	void clockAdvancesAndReportsItsOffset() {
		JsonNode before = client.get("/sandbox/clock").json();
		JsonNode after = client.advance(3600);
		assertThat(after.get("offsetSeconds").asLong()).isEqualTo(3600);
		assertThat(after.get("epochSecond").asLong() - before.get("epochSecond").asLong()).isBetween(3600L, 3605L);
		assertThat(after.get("now").asString()).endsWith("Z");
		assertThat(client.post("/sandbox/clock/advance", Map.of("seconds", -1)).status()).isEqualTo(400);
		assertThat(client.post("/sandbox/clock/advance", Map.of()).status()).isEqualTo(400);
	}

	@Test
	void resetRestoresTheStartState() {
		String token = client.componentToken();
		client.authorize(FULL);
		client.control("/sandbox/accounts", Map.of("nickname", "临时"));
		client.put("/sandbox/quotas", Map.of("endpoint", "/cgi-bin/freepublish/batchget", "dailyLimit", 1));
		client.advance(86_400);
		client.reset();
		assertThat(client.get("/sandbox/accounts").json().get("accounts")).hasSize(3);
		assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorized").asBoolean()).isFalse();
		assertThat(client.get("/sandbox/clock").json().get("offsetSeconds").asLong()).isZero();
		assertThat(client.get("/sandbox/quotas").json().get("overrides")).isEmpty();
		assertThat(client.get("/sandbox/tickets").json().get("ticket").isNull()).isTrue();
		assertError(client.call("/cgi-bin/component/api_create_preauthcode?component_access_token=" + token,
				Map.of("component_appid", SandboxClient.COMPONENT_APPID)), 40001);
	}

	@Test
	void healthAndUnknownControlPaths() {
		assertThat(client.get("/sandbox/health").json().get("status").asString()).isEqualTo("UP");
		assertThat(client.get("/sandbox/nothing").status()).isEqualTo(404);
		assertThat(client.delete("/sandbox/accounts").status()).isEqualTo(405);
	}

	@Test
	void javaShortcutsMatchTheHttpApi() {
		String ticket = sandbox.pushTicket();
		assertThat(sandbox.latestTicket()).contains(ticket);
		long offset = sandbox.clock().offset().toSeconds();
		sandbox.advanceClock(java.time.Duration.ofSeconds(30));
		assertThat(client.get("/sandbox/clock").json().get("offsetSeconds").asLong()).isEqualTo(offset + 30);
		Map<String, Object> account = new HashMap<>();
		account.put("nickname", "x");
		client.control("/sandbox/accounts", account);
		sandbox.reset();
		assertThat(client.get("/sandbox/accounts").json().get("accounts")).hasSize(3);
		assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
	}

}

package io.atrium.sandbox.component;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.sandbox.AbstractSandboxTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.NO_CONTENT_SETS;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code openapi/rid/get}: the details of an error the sandbox answered earlier, by its rid. */
class RidEndpointTests extends AbstractSandboxTests {

	private static final String RID_GET = "/cgi-bin/openapi/rid/get";

	private static final String BATCHGET = "/cgi-bin/freepublish/batchget";

	private static final Pattern RID = Pattern.compile(" rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$");

	@Test
	void anAccountsErrorIsDescribedToItsToken() {
		String token = client.authorizerToken(FULL);
		long before = client.now();
		JsonNode error = client.business(BATCHGET, token, "{\"offset\":0,\"count\":0}");
		assertError(error, 40097);

		JsonNode answer = ridGet(token, rid(error));

		assertThat(answer.get("errcode").asInt()).isZero();
		assertThat(answer.get("errmsg").asString()).isEqualTo("ok");
		JsonNode request = answer.get("request");
		assertThat(request.get("invoke_time").asLong()).isBetween(before, client.now());
		assertThat(request.get("cost_in_ms").asLong()).isNotNegative();
		assertThat(request.get("request_body").asString()).isEqualTo("{\"offset\":0,\"count\":0}");
		assertThat(request.get("response_body").asString()).isEqualTo(error.toString());
		assertThat(request.get("client_ip").asString()).isEqualTo("127.0.0.1");
	}

	@Test
	void theTokenInTheRequestUrlIsRedacted() {
		String token = client.authorizerToken(FULL);
		JsonNode error = client.call(BATCHGET + "?access_token=" + token + "&lang=zh_CN", Map.of("count", 1));
		assertError(error, 40097);

		String requestUrl = ridGet(token, rid(error)).get("request").get("request_url").asString();

		assertThat(requestUrl).doesNotContain(token)
			.isEqualTo("access_token=" + token.substring(0, 6) + "xxxx&lang=zh_CN");
	}

	@Test
	void aComponentApisErrorIsDescribedToTheComponentToken() {
		String componentToken = client.componentToken();
		JsonNode error = client.call("/cgi-bin/component/api_create_preauthcode?component_access_token="
				+ componentToken, Map.of("component_appid", "wx0000000000000000"));
		assertError(error, 61011);

		JsonNode request = ridGet(componentToken, rid(error)).get("request");

		assertThat(request.get("request_url").asString())
			.isEqualTo("component_access_token=" + componentToken.substring(0, 6) + "xxxx");
		assertThat(request.get("request_body").asString()).contains("wx0000000000000000");
	}

	@Test
	void anInjectedErrorIsRememberedToo() {
		String token = client.authorizerToken(FULL);
		client.control("/sandbox/faults", Map.of("endpoint", BATCHGET, "errcode", -1, "times", 1));
		JsonNode error = client.business(BATCHGET, token, Map.of("offset", 0, "count", 1));
		assertError(error, -1);

		assertThat(ridGet(token, rid(error)).get("request").get("response_body").asString())
			.isEqualTo(error.toString());
	}

	@Test
	void anUnknownRidAnswers76001() {
		String token = client.authorizerToken(FULL);
		JsonNode answer = ridGet(token, "6a000000-00000000-00000000");
		assertError(answer, 76001);
		assertThat(answer.get("errmsg").asString()).startsWith("rid not found rid: ");
	}

	@Test
	void aRidOlderThanSevenDaysIsNotFound() {
		String token = client.authorizerToken(FULL);
		String rid = rid(client.business(BATCHGET, token, Map.of("offset", 0, "count", 0)));
		client.advance(7 * 24 * 3600 - 1);
		String fresh = client.authorizerToken(FULL);
		assertThat(ridGet(fresh, rid).get("errcode").asInt()).isZero();
		client.advance(1);
		String later = client.authorizerToken(FULL);
		assertError(ridGet(later, rid), 76001);
	}

	@Test
	void anEmptyOrMalformedRidAnswers76002() {
		String token = client.authorizerToken(FULL);
		assertError(ridGet(token, ""), 76002);
		assertError(ridGet(token, "not-a-rid"), 76002);
		assertError(client.call(RID_GET + "?access_token=" + token, Map.of()), 76002);
	}

	@Test
	void anotherAccountsOrTheComponentsRidAnswers76003() {
		String full = client.authorizerToken(FULL);
		String other = client.authorizerToken(NO_CONTENT_SETS);
		String componentToken = client.componentToken();
		String accountRid = rid(client.business(BATCHGET, full, Map.of("offset", 0, "count", 0)));
		String componentRid = rid(client.call("/cgi-bin/component/api_create_preauthcode?component_access_token="
				+ componentToken, Map.of("component_appid", "wrong")));

		JsonNode answer = ridGet(other, accountRid);
		assertError(answer, 76003);
		assertThat(answer.get("errmsg").asString()).startsWith("could not query this rid,no permission rid: ");
		assertError(ridGet(componentToken, accountRid), 76003);
		assertError(ridGet(full, componentRid), 76003);
	}

	@Test
	void aRidOfAnUnknownTokenIsNobodysAndAnswers76001() {
		String token = client.authorizerToken(FULL);
		String rid = rid(client.business(BATCHGET, "unknown-token", Map.of("offset", 0, "count", 1)));
		assertError(ridGet(token, rid), 76001);
		assertError(ridGet(client.componentToken(), rid), 76001);
	}

	@Test
	void tokenErrors() {
		assertError(client.call(RID_GET, Map.of("rid", "6a000000-00000000-00000000")), 41001);
		assertError(client.call(RID_GET + "?access_token=bogus", Map.of("rid", "6a000000-00000000-00000000")), 40001);
		String token = client.authorizerToken(FULL);
		client.advance(7200);
		assertError(ridGet(token, "6a000000-00000000-00000000"), 42001);
	}

	@Test
	void aResetForgetsTheRids() {
		String token = client.authorizerToken(FULL);
		String rid = rid(client.business(BATCHGET, token, Map.of("offset", 0, "count", 0)));
		client.reset();
		assertError(ridGet(client.authorizerToken(FULL), rid), 76001);
	}

	@Test
	void ridGetIsNotMeteredAndHasNoQuota() {
		String token = client.componentToken();
		assertError(client.call("/cgi-bin/openapi/quota/get?access_token=" + token, Map.of("cgi_path", RID_GET)),
				76021);
	}

	private static JsonNode ridGet(String token, String rid) {
		return client.call(RID_GET + "?access_token=" + token, Map.of("rid", rid));
	}

	private static String rid(JsonNode error) {
		Matcher matcher = RID.matcher(error.get("errmsg").asString());
		assertThat(matcher.find()).as(error.toString()).isTrue();
		return matcher.group(1);
	}

}

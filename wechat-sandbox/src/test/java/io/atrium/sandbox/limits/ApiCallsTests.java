package io.atrium.sandbox.limits;

import java.time.Clock;
import java.util.Map;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatReplies;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** How {@link ApiCalls} counts outcomes. */
class ApiCallsTests {

	private static final ApiEndpoint ENDPOINT = ApiEndpoint.MATERIAL_COUNT;

	private final Counters counters = new Counters();

	private final WeChatReplies replies = new WeChatReplies(Clock.systemUTC());

	private final ApiCalls calls = new ApiCalls(new Latency(), new Faults(), this.counters, this.replies,
			new RidLog(Clock.systemUTC()), "wxcomponent", Clock.systemUTC());

	private final Request request = new Request("POST", ENDPOINT.path(), null, Map.of(), new byte[0]);

	@Test
	void anExceptionThatIsNoWeChatErrorIsCountedAsHttp500AndRethrown() {
		assertThatIllegalStateException().isThrownBy(() -> this.calls.run(ENDPOINT, "wxone", this.request, (call) -> {
			throw new IllegalStateException("a bug");
		}));
		JsonNode tally = tally("wxone");
		assertThat(tally.get("calls").asInt()).isEqualTo(1);
		assertThat(tally.get("ok").asInt()).isZero();
		assertThat(tally.get("errors").get("http_500").asInt()).isEqualTo(1);
		assertThat(this.counters.snapshot().get("endpoints").get(ENDPOINT.path()).get("errors").get("http_500")
			.asInt()).isEqualTo(1);
	}

	@Test
	void successAndWeChatErrorsAreCountedAsBefore() throws Exception {
		Reply ok = this.calls.run(ENDPOINT, "wxone", this.request, (call) -> this.replies.ok());
		assertThat(ok.status()).isEqualTo(200);
		Reply error = this.calls.run(ENDPOINT, "wxone", this.request, (call) -> {
			throw WeChatError.INVALID_CREDENTIAL.exception();
		});
		assertThat(error.status()).isEqualTo(200);
		JsonNode tally = tally("wxone");
		assertThat(tally.get("calls").asInt()).isEqualTo(2);
		assertThat(tally.get("ok").asInt()).isEqualTo(1);
		assertThat(tally.get("errors").get("40001").asInt()).isEqualTo(1);
		assertThat(tally.get("errors").has("http_500")).isFalse();
	}

	private JsonNode tally(String appid) {
		return this.counters.snapshot().get("accounts").get(appid).get(ENDPOINT.path());
	}

}

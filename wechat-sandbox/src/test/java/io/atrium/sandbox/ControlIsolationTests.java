package io.atrium.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control API has threads of its own: with every API thread held up by a delay fault, control calls still
 * answer; clearing the faults ends the delays in progress.
 */
class ControlIsolationTests {

	private static final int API_THREADS = 2;

	private static final String COUNT = "/cgi-bin/material/get_materialcount";

	private static WeChatSandbox sandbox;

	private static SandboxClient client;

	@BeforeAll
	static void start() {
		sandbox = WeChatSandbox.start(SandboxSettings.defaults().withHttpThreads(API_THREADS));
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void controlCallsAnswerWhileEveryApiThreadIsDelayed() throws Exception {
		client.reset();
		String token = client.authorizerToken(FULL);
		SandboxClient.Response added = client.post("/sandbox/faults",
				Map.of("endpoint", COUNT, "delayMillis", 60_000, "times", API_THREADS));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<CompletableFuture<HttpResponse<String>>> delayed = new ArrayList<>();
		for (int i = 0; i < API_THREADS; i++) {
			delayed.add(http.sendAsync(HttpRequest.newBuilder(URI.create(client.baseUrl() + COUNT + "?access_token="
					+ token)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
		}
		// Both faults are taken once both calls are inside their delay, holding every API thread.
		while (!client.get("/sandbox/faults").json().get("faults").isEmpty()) {
			assertThat(delayed).noneMatch(CompletableFuture::isDone);
		}
		assertThat(delayed).noneMatch(CompletableFuture::isDone);

		// SandboxClient gives up after 20 s, long before the 60 s delays would free a thread.
		assertThat(client.get("/sandbox/health").json().get("status").asString()).isEqualTo("UP");
		assertThat(client.get("/sandbox/counters").status()).isEqualTo(200);
		assertThat(client.advance(1).get("offsetSeconds").asLong()).isEqualTo(1);
		assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorized").asBoolean()).isTrue();

		assertThat(client.delete("/sandbox/faults").status()).isEqualTo(204);
		for (CompletableFuture<HttpResponse<String>> call : delayed) {
			HttpResponse<String> response = call.get(20, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(response.body()).has("image_count")).as(response.body()).isTrue();
		}
	}

}

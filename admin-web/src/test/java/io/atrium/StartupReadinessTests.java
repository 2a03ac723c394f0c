package io.atrium;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.atrium.testsupport.Ports;
import io.atrium.testsupport.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health answers while start-up work (the demo's seeding, say) still runs, and must then not say UP: a load
 * balancer or a README user would send requests that cannot be served yet. The readiness state is part of the
 * overall status, so it is OUT_OF_SERVICE (503) until every runner is done.
 */
class StartupReadinessTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void healthIsOutOfServiceUntilStartUpWorkIsDone() throws Exception {
		int port = Ports.free();
		CountDownLatch startUpWork = new CountDownLatch(1);
		ApplicationRunner slowStartUp = (args) -> startUpWork.await(60, TimeUnit.SECONDS);
		Map<String, Object> properties = InstanceSettings.with(TestServices.springProperties(StartupReadinessTests.class));
		properties.put("server.port", port);
		int managementPort = Ports.free();
		properties.put("management.server.port", managementPort);
		CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture
			.supplyAsync(() -> new SpringApplicationBuilder(AtriumApplication.class).initializers(
					(context) -> context.getBeanFactory().registerSingleton("slowStartUp", slowStartUp))
				.run(InstanceSettings.asArguments(properties)));
		try {
			HttpResponse<String> during = healthOnceServing(port);
			assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
			assertThat(during.body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
			// The management port opens once the application has started: the public /readyz is what answers now.

			startUpWork.countDown();
			try (ConfigurableApplicationContext context = started.get(60, TimeUnit.SECONDS)) {
				HttpResponse<String> after = http.send(request(managementPort, "/actuator/health"),
						HttpResponse.BodyHandlers.ofString());
				// WARNING (200): no verify ticket has arrived in this test, which needs an operator, not a restart.
				assertThat(after.statusCode()).isEqualTo(200);
				assertThat(http.send(request(port, "/readyz"), HttpResponse.BodyHandlers.ofString()).body())
					.isEqualTo("{\"status\":\"UP\"}");
			}
		}
		finally {
			startUpWork.countDown();
		}
	}

	/** The first readiness answer once the web server listens (it starts before the runners run). */
	private static HttpResponse<String> healthOnceServing(int port) throws Exception {
		// Two web servers (public and management) start on a machine that may be busy with other builds.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (true) {
			try {
				return http.send(request(port, "/readyz"), HttpResponse.BodyHandlers.ofString());
			}
			catch (ConnectException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(50);
			}
		}
	}

	private static HttpRequest request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).build();
	}

}

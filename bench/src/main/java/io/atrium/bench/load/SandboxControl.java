package io.atrium.bench.load;

import java.time.Duration;
import java.util.Map;

/** The sandbox's control API: faults, latency, token invalidation (what WeChat does to Atrium in a fault run). */
public final class SandboxControl {

	private final String sandbox;

	private final Http http = Http.plain(Duration.ofSeconds(30));

	public SandboxControl(String sandboxBaseUrl) {
		this.sandbox = sandboxBaseUrl;
	}

	public void fault(Map<String, Object> fault) {
		expect(this.http.postJson(this.sandbox + "/sandbox/faults", Json.write(fault)), 201);
	}

	public void clearFaults() {
		expect(this.http.delete(this.sandbox + "/sandbox/faults"), 204);
	}

	public void latency(int minMillis, int maxMillis) {
		expect(this.http.putJson(this.sandbox + "/sandbox/latency",
				Json.write(Map.of("minMillis", minMillis, "maxMillis", maxMillis))), 200);
	}

	public void invalidateTokens(String appId) {
		expect(this.http.postJson(this.sandbox + "/sandbox/accounts/" + appId + "/tokens/invalidate", "{}"), 200);
	}

	private static void expect(Answer answer, int status) {
		if (answer.status() != status) {
			throw new IllegalStateException("Sandbox control: " + answer.status() + " " + answer.body());
		}
	}

}

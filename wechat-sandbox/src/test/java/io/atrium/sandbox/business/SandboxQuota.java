package io.atrium.sandbox.business;

import java.util.Map;

import io.atrium.sandbox.SandboxClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Sets a daily limit through the control API. */
final class SandboxQuota {

	private SandboxQuota() {
	}

	static void set(SandboxClient client, String endpoint, String appid, long dailyLimit) {
		SandboxClient.Response response = client.put("/sandbox/quotas",
				Map.of("endpoint", endpoint, "appid", appid, "dailyLimit", dailyLimit));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

}

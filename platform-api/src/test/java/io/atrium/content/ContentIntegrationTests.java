package io.atrium.content;

import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.testsupport.Ports;
import io.atrium.token.SandboxIntegrationTests;
import io.atrium.token.TestSandbox;
import io.atrium.upstream.UpstreamUsage;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of platform-api's integration tests: token-service's sandbox context plus the content settings below, so
 * that every platform-api test class shares one Spring context.
 */
public abstract class ContentIntegrationTests extends SandboxIntegrationTests {

	protected static final JsonMapper json = JsonMapper.builder().build();

	protected static final String BATCHGET = "/cgi-bin/freepublish/batchget";

	protected static final String GETARTICLE = "/cgi-bin/freepublish/getarticle";

	protected static final String MATERIALS = "/cgi-bin/material/batchget_material";

	protected static final String MATERIAL_COUNT = "/cgi-bin/material/get_materialcount";

	/** Short backoffs and budget, so retry tests take a fraction of a second; a low limit to hit on purpose. */
	static Map<String, Object> contentProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("atrium.upstream.retry.max-attempts", "10");
		properties.put("atrium.upstream.retry.initial-backoff", "40ms");
		properties.put("atrium.upstream.retry.max-backoff", "150ms");
		properties.put("atrium.upstream.retry.budget", "400ms");
		properties.put("atrium.upstream.apis.material-count.per-minute", "5");
		// Videos' down_url points at the sandbox, on loopback.
		properties.put("atrium.content.media.allow-loopback", "true");
		return properties;
	}

	/** A second Atrium instance's properties: same PostgreSQL schema, Redis prefix and sandbox, another port. */
	protected static Map<String, Object> secondInstanceProperties() {
		Map<String, Object> properties = new LinkedHashMap<>(applicationProperties(Ports.free()));
		properties.putAll(contentProperties());
		return properties;
	}

	@DynamicPropertySource
	static void content(DynamicPropertyRegistry registry) {
		contentProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	protected UpstreamUsage upstreamUsage;

	/** This instance's call counts still in memory go to Redis first: else they would land after the wipe. */
	@Override
	protected void flushRedis() {
		this.upstreamUsage.flushAndWait();
		super.flushRedis();
	}

	@BeforeEach
	void ticketForTokens() {
		receiveTicket();
	}

	protected static void fault(String endpoint, String appId, int errcode, int times) {
		ObjectNode fault = json.createObjectNode().put("endpoint", endpoint).put("errcode", errcode).put("times", times);
		if (appId != null) {
			fault.put("appid", appId);
		}
		control.post("/sandbox/faults", fault);
	}

	protected static void httpFault(String endpoint, String appId, int status, int times) {
		control.post("/sandbox/faults", json.createObjectNode()
			.put("endpoint", endpoint)
			.put("httpStatus", status)
			.put("times", times)
			.put("appid", appId));
	}

}

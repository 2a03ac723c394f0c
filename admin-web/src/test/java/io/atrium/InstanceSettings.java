package io.atrium;

import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;

/**
 * What an Atrium instance under test needs beside its PostgreSQL and Redis, in production mode (no demo): a
 * component (no WeChat is called), a custody key, the onboarding secret, no scheduled work, and a first
 * administrator. Test-only values, public on purpose.
 */
public final class InstanceSettings {

	public static final String ADMIN = "root-operator";

	public static final String ADMIN_PASSWORD = "correct horse battery staple";

	private InstanceSettings() {
	}

	/** These settings after the given ones (the test's database and Redis, say), as Spring Boot properties. */
	public static Map<String, Object> with(Map<String, Object> services) {
		Map<String, Object> properties = new LinkedHashMap<>(services);
		properties.put("atrium.wechat.component-app-id", "wx0000000000000001");
		properties.put("atrium.wechat.component-secret", "s");
		properties.put("atrium.wechat.component-token", "t");
		properties.put("atrium.wechat.component-aes-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
		properties.put("atrium.custody.keys.k1", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
		properties.put("atrium.custody.active-key", "k1");
		properties.put("atrium.onboarding.state-secret", "test-only-state-secret-0123456789abcdef");
		properties.put("atrium.scheduling.enabled", "false");
		// WeChat's real addresses: never call them from a test.
		properties.put("atrium.tokens.ask-ticket-on-start", "false");
		properties.put("atrium.console.initial-admin.username", ADMIN);
		properties.put("atrium.console.initial-admin.password", ADMIN_PASSWORD);
		return properties;
	}

	/**
	 * These settings for an instance on {@code port} that takes the WeChat sandbox for WeChat: its addresses and its
	 * component's credentials.
	 */
	public static Map<String, Object> withSandbox(Map<String, Object> services, WeChatSandbox sandbox, int port) {
		Map<String, Object> properties = with(services);
		SandboxSettings settings = sandbox.settings();
		properties.put("server.port", port);
		properties.put("atrium.public-base-url", "http://127.0.0.1:" + port);
		properties.put("atrium.wechat.api-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.mp-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.open-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.component-app-id", settings.componentAppId());
		properties.put("atrium.wechat.component-secret", settings.componentSecret());
		properties.put("atrium.wechat.component-token", settings.componentToken());
		properties.put("atrium.wechat.component-aes-key", settings.componentAesKey());
		return properties;
	}

	/** The same, as command-line arguments, which win over application.yml as a test's properties do. */
	public static String[] asArguments(Map<String, Object> properties) {
		return properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

}

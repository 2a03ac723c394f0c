package io.atrium.demo;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code atrium.demo.sandbox-port=0} into a concrete free port before anything binds it, so
 * that {@code atrium.wechat.*-base-url} (placeholders on that port in {@code application-demo.yml})
 * name the sandbox's real address from the start. The sandbox itself only starts once the web
 * server runs, which is too late for properties.
 */
class DemoSandboxPortEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PORT_PROPERTY = "atrium.demo.sandbox-port";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.matchesProfiles("demo")) {
			return;
		}
		Integer port = environment.getProperty(PORT_PROPERTY, Integer.class);
		if (port != null && port == 0) {
			int freePort = LoopbackPorts.free("the demo sandbox");
			environment.getPropertySources()
				.addFirst(new MapPropertySource("atriumDemoSandboxPort", Map.of(PORT_PROPERTY, freePort)));
		}
	}
}

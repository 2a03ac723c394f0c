package io.atrium.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Tells whoever started the demo where to go. Names no secrets.
 */
class DemoBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(DemoBanner.class);

	private final ObjectProvider<DemoSandbox> sandbox;

	private final ObjectProvider<EmbeddedPostgres> postgres;

	private final ObjectProvider<RedisServer> redis;

	DemoBanner(ObjectProvider<DemoSandbox> sandbox, ObjectProvider<EmbeddedPostgres> postgres,
			ObjectProvider<RedisServer> redis) {
		this.sandbox = sandbox;
		this.postgres = postgres;
		this.redis = redis;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String base = baseUrl(event);
		EmbeddedPostgres postgres = this.postgres.getIfAvailable();
		RedisServer redis = this.redis.getIfAvailable();
		DemoSandbox sandbox = this.sandbox.getIfAvailable();
		logger.info("""

				  Atrium demo is up. Nothing is kept after it stops.
				    console  {}/
				    health   {}/readyz; details and metrics on the management port: {}/actuator/health, /actuator/prometheus
				    WeChat   {} (in-process sandbox with the demo component and seeded merchant accounts)
				    data     {}, {}
				""", base, base, managementUrl(event), (sandbox != null) ? sandbox.baseUrl() : "not started",
				(postgres != null) ? "embedded PostgreSQL on port " + postgres.getPort() : "configured PostgreSQL",
				(redis != null) ? "embedded Redis on port " + redis.ports().get(0) : "configured Redis");
	}

	private static String managementUrl(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		return "http://localhost:" + environment.getProperty("local.management.port",
				environment.getProperty("management.server.port", "8081"));
	}

	private static String baseUrl(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		if (event.getApplicationContext() instanceof WebServerApplicationContext webContext
				&& webContext.getWebServer() != null) {
			return "http://localhost:" + webContext.getWebServer().getPort() + contextPath;
		}
		return "http://localhost:" + environment.getProperty("server.port", "8080") + contextPath;
	}

}

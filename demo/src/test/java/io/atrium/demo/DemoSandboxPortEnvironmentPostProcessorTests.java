package io.atrium.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSandboxPortEnvironmentPostProcessorTests {

	private final DemoSandboxPortEnvironmentPostProcessor postProcessor = new DemoSandboxPortEnvironmentPostProcessor();

	@Test
	void zeroBecomesAFreePortInTheDemo() {
		MockEnvironment environment = new MockEnvironment().withProperty("atrium.demo.sandbox-port", "0")
			.withProperty("atrium.wechat.api-base-url", "http://127.0.0.1:${atrium.demo.sandbox-port}");
		environment.setActiveProfiles("demo");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		int port = environment.getProperty("atrium.demo.sandbox-port", Integer.class);
		assertThat(port).isBetween(1, 65535);
		assertThat(environment.getProperty("atrium.wechat.api-base-url")).isEqualTo("http://127.0.0.1:" + port);
	}

	@Test
	void fixedPortIsKept() {
		MockEnvironment environment = new MockEnvironment().withProperty("atrium.demo.sandbox-port", "9090");
		environment.setActiveProfiles("demo");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("atrium.demo.sandbox-port")).isEqualTo("9090");
	}

	@Test
	void nothingHappensOutsideTheDemo() {
		MockEnvironment environment = new MockEnvironment().withProperty("atrium.demo.sandbox-port", "0");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("atrium.demo.sandbox-port")).isEqualTo("0");
	}

}

package io.atrium.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class OnPropertiesAbsentConditionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Guarded.class);

	@Test
	void matchesWhenNoneIsSet() {
		this.runner.run((context) -> assertThat(context).hasBean("embedded"));
	}

	@Test
	void doesNotMatchWhenOneIsSet() {
		this.runner.withPropertyValues("spring.data.redis.host=cache.example")
			.run((context) -> assertThat(context).doesNotHaveBean("embedded"));
	}

	@Test
	void doesNotMatchWhenAListIsSet() {
		this.runner.withPropertyValues("spring.data.redis.cluster.nodes[0]=cache.example:7000")
			.run((context) -> assertThat(context).doesNotHaveBean("embedded"));
	}

	@Test
	void blankCountsAsAbsent() {
		this.runner.withPropertyValues("spring.data.redis.url=")
			.run((context) -> assertThat(context).hasBean("embedded"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnPropertiesAbsent({ "spring.data.redis.url", "spring.data.redis.host",
			"spring.data.redis.cluster.nodes" })
	static class Guarded {

		@Bean
		String embedded() {
			return "embedded";
		}

	}

}

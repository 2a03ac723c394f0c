package io.atrium.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestServicesTests {

	@Test
	void springPropertiesNameBothServers() {
		// The username is left out only when the environment's URL names the user.
		assertThat(TestServices.springProperties(TestServicesTests.class))
			.containsKeys("spring.datasource.url", "spring.datasource.password", "spring.data.redis.url",
					"atrium.redis.key-prefix")
			.containsOnlyKeys("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
					"spring.datasource.hikari.maximum-pool-size", "spring.datasource.hikari.connection-timeout",
					"spring.data.redis.url", "atrium.redis.key-prefix")
			.containsEntry("spring.datasource.hikari.maximum-pool-size", 2);
	}

}

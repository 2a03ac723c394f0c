package io.atrium.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestServicesTests {

	@Test
	void springPropertiesNameBothServers() {
		assertThat(TestServices.springProperties(TestServicesTests.class)).containsOnlyKeys("spring.datasource.url",
				"spring.datasource.username", "spring.datasource.password", "spring.data.redis.url",
				"atrium.redis.key-prefix");
	}

}

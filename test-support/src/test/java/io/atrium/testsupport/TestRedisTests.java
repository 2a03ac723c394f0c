package io.atrium.testsupport;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestRedisTests {

	@Test
	void keyPrefixesDifferPerClassAndPerCall() {
		RedisKeyspace mine = TestRedis.keyPrefixFor(TestRedisTests.class);
		RedisKeyspace again = TestRedis.keyPrefixFor(TestRedisTests.class);
		RedisKeyspace other = TestRedis.keyPrefixFor(TestPostgresTests.class);
		assertThat(mine.keyPrefix()).matches("atrium:test:TestRedisTests-[a-z0-9]{8}:");
		assertThat(other.keyPrefix()).matches("atrium:test:TestPostgresTests-[a-z0-9]{8}:");
		assertThat(again.keyPrefix()).isNotEqualTo(mine.keyPrefix());
		assertThat(mine.url()).isEqualTo(other.url());
	}

	@Test
	void sharedServerAnswersSetAndGetUnderThePrefix() throws IOException {
		RedisKeyspace first = TestRedis.keyPrefixFor(TestRedisTests.class);
		RedisKeyspace second = TestRedis.keyPrefixFor(TestRedisTests.class);
		try (Resp redis = Resp.connect(first.url())) {
			assertThat(redis.call("SET", first.key("greeting"), "hello", "EX", "60")).isEqualTo("+OK");
			assertThat(redis.call("GET", first.key("greeting"))).isEqualTo("hello");
			assertThat(redis.call("GET", second.key("greeting"))).isNull();
			assertThat(redis.call("DEL", first.key("greeting"))).isEqualTo("1");
		}
	}

	@Test
	void springPropertiesPointAtTheServerAndPrefix() {
		RedisKeyspace keyspace = TestRedis.keyPrefixFor(TestRedisTests.class);
		assertThat(keyspace.springProperties()).containsEntry("spring.data.redis.url", keyspace.url())
			.containsEntry("atrium.redis.key-prefix", keyspace.keyPrefix());
		assertThat(keyspace.url()).isEqualTo(TestRedis.endpoint().url());
		assertThat(keyspace.url()).contains(keyspace.host());
	}

	@Test
	void serverIsChosenOncePerJvm() {
		assertThat(TestRedis.endpoint()).isSameAs(TestRedis.endpoint());
	}

}

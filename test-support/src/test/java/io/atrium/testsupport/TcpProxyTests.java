package io.atrium.testsupport;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class TcpProxyTests {

	@Test
	void rewritesTheHostAndPortOfAUrlAndKeepsTheRest() {
		try (TcpProxy proxy = TcpProxy.toServerOf("jdbc:postgresql://db.example:5432/postgres?currentSchema=a")) {
			assertThat(proxy.rewrite("jdbc:postgresql://db.example:5432/postgres?currentSchema=a"))
				.isEqualTo("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?currentSchema=a");
			assertThat(proxy.rewrite("redis://:secret@cache.example:6379/0"))
				.isEqualTo("redis://:secret@127.0.0.1:" + proxy.port() + "/0");
		}
	}

	@Test
	void forwardsToTheRealServerUntilCutAndAgainAfterRestore() throws IOException {
		RedisKeyspace redis = TestRedis.keyPrefixFor(TcpProxyTests.class);
		try (TcpProxy proxy = TcpProxy.toServerOf(redis.url())) {
			String through = proxy.rewrite(redis.url());
			try (Resp connection = Resp.connect(through)) {
				assertThat(connection.call("PING")).isEqualTo("+PONG");
				proxy.cut();
				assertThatIOException().isThrownBy(() -> connection.call("PING"));
			}
			assertThatIOException().isThrownBy(() -> {
				try (Resp refused = Resp.connect(through)) {
					refused.call("PING");
				}
			});
			proxy.restore();
			try (Resp again = Resp.connect(through)) {
				assertThat(again.call("PING")).isEqualTo("+PONG");
			}
		}
	}

}

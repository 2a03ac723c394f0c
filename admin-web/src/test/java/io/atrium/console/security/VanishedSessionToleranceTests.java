package io.atrium.console.security;

import java.time.Duration;

import io.atrium.console.security.VanishedSessionTolerance.TolerantRepository;
import io.atrium.testsupport.RedisKeyspace;
import io.atrium.testsupport.TcpProxy;
import io.atrium.testsupport.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisSessionRepository;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Console sessions on a Redis that goes away mid-request (cut through a proxy): saving again a session this request
 * already saved is let go, so that a page already sent is not cut off; a session's first save still fails.
 */
class VanishedSessionToleranceTests {

	static final RedisKeyspace redis = TestRedis.keyPrefixFor(VanishedSessionToleranceTests.class);

	TcpProxy proxy;

	LettuceConnectionFactory connections;

	TolerantRepository sessions;

	@BeforeEach
	void repository() {
		this.proxy = TcpProxy.toServerOf(redis.url());
		this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), this.proxy.port()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
		this.connections.afterPropertiesSet();
		this.connections.start();
		RedisTemplate<String, Object> template = new RedisTemplate<>();
		template.setConnectionFactory(this.connections);
		template.setKeySerializer(RedisSerializer.string());
		template.setHashKeySerializer(RedisSerializer.string());
		template.afterPropertiesSet();
		RedisSessionRepository repository = new RedisSessionRepository(template);
		repository.setRedisKeyNamespace(redis.keyPrefix() + "session");
		this.sessions = new TolerantRepository(repository);
	}

	@AfterEach
	void close() {
		this.connections.destroy();
		this.proxy.close();
	}

	@Test
	void aSessionThisRequestAlreadySavedIsLetGoWhenRedisFailsOnTheSecondSave() {
		String id = savedSession();
		Session session = this.sessions.findById(id);
		session.setAttribute("page", "/operations");
		this.sessions.save(session);
		this.proxy.cut();

		assertThatNoException().isThrownBy(() -> this.sessions.save(session));
	}

	@Test
	void aSessionsFirstSaveInARequestStillFailsWhenRedisIsGone() {
		String id = savedSession();
		Session session = this.sessions.findById(id);
		session.setAttribute("page", "/operations");
		this.proxy.cut();

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.sessions.save(session));
		Session created = this.sessions.createSession();
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.sessions.save(created));
	}

	private String savedSession() {
		Session session = this.sessions.createSession();
		session.setAttribute("user", "operator");
		this.sessions.save(session);
		return session.getId();
	}

}

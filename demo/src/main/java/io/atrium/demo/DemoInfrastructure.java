package io.atrium.demo;

import java.io.IOException;
import java.time.Clock;

import io.atrium.account.AccountAuthorizations;
import io.atrium.apikey.ApiKeyService;
import io.atrium.console.security.ConsoleUsers;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.ticket.VerifyTicketStore;
import io.atrium.token.wechat.ComponentClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code demo} profile: everything Atrium needs, in-process, so that
 * {@code java -jar atrium-demo.jar --spring.profiles.active=demo} runs on a machine with nothing but a
 * JDK.
 * <ul>
 * <li>PostgreSQL: an embedded server unless {@code spring.datasource.url} is set. Its data lives
 * in a temporary directory that is deleted on exit: the demo keeps nothing between runs.</li>
 * <li>Redis: an embedded server on a free port unless {@code spring.data.redis.url} or
 * {@code host} (or a cluster or sentinel) is set. Nothing is written to disk.</li>
 * <li>WeChat: the sandbox on {@code atrium.demo.sandbox-port} with the demo component of
 * {@code application-demo.yml} and three seeded merchant accounts; Atrium's
 * {@code atrium.wechat.*-base-url} point at it.</li>
 * </ul>
 * The embedded servers reach Boot's auto-configuration as {@code ConnectionDetails}, the same way
 * Testcontainers and Docker Compose services do.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@EnableConfigurationProperties(DemoProperties.class)
class DemoInfrastructure {

	private static final String LOOPBACK = "127.0.0.1";

	@Bean
	DemoSandbox demoSandbox(WeChatComponentProperties wechat, @Value("${atrium.demo.sandbox-port}") int sandboxPort,
			@Value("${server.servlet.context-path:}") String contextPath, ApplicationContext context, Clock clock) {
		// The application's clock, so that WeChat's time and Atrium's start together (tests set where).
		SandboxSettings settings = SandboxSettings.defaults()
			.withBaseClock(clock)
			.withBindAddress(LOOPBACK)
			.withPort(sandboxPort)
			.withComponentAppId(wechat.componentAppId())
			.withComponentSecret(wechat.componentSecret())
			.withComponentToken(wechat.componentToken())
			.withComponentAesKey(wechat.componentAesKey())
			.withSeedDemoAccounts(true);
		return new DemoSandbox(settings, contextPath, context);
	}

	@Bean
	DemoFleet demoFleet(DemoSandbox sandbox, DemoProperties properties, TenantRepository tenants) {
		return new DemoFleet(sandbox, properties, tenants);
	}

	@Bean
	DemoCustody demoCustody(DemoSandbox sandbox, DemoProperties properties, VerifyTicketStore tickets,
			ComponentTokenManager componentTokens, ComponentClient componentClient, TenantRepository tenants,
			AccountAuthorizations authorizations, ApiKeyService apiKeys, ConsoleUsers users, DemoFleet fleet,
			Clock clock) {
		return new DemoCustody(sandbox, properties, tickets, componentTokens, componentClient, tenants,
				authorizations, apiKeys, users, fleet, clock);
	}

	@Bean
	DemoBanner demoBanner(ObjectProvider<DemoSandbox> sandbox, ObjectProvider<EmbeddedPostgres> postgres,
			ObjectProvider<RedisServer> redis) {
		return new DemoBanner(sandbox, postgres, redis);
	}

	// @Profile again on each nested configuration: component scanning finds them on their own, and
	// the outer class's @Profile does not guard them.
	@Configuration(proxyBeanMethods = false)
	@Profile("demo")
	@ConditionalOnPropertiesAbsent("spring.datasource.url")
	static class EmbeddedPostgresConfiguration {

		@Bean(destroyMethod = "close")
		EmbeddedPostgres demoPostgres() throws IOException {
			// Closing the bean stops the server and deletes its temporary data directory.
			return EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
		}

		@Bean
		JdbcConnectionDetails demoJdbcConnectionDetails(EmbeddedPostgres postgres) {
			String url = "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/postgres";
			return new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return url;
				}

				@Override
				public String getUsername() {
					return "postgres";
				}

				@Override
				public String getPassword() {
					return null;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Profile("demo")
	@ConditionalOnPropertiesAbsent({ "spring.data.redis.url", "spring.data.redis.host",
			"spring.data.redis.cluster.nodes", "spring.data.redis.sentinel.nodes" })
	static class EmbeddedRedisConfiguration {

		@Bean(destroyMethod = "stop")
		RedisServer demoRedis() throws IOException {
			RedisServer redis = RedisServer.newRedisServer()
				.bind(LOOPBACK)
				.port(LoopbackPorts.free("the demo Redis"))
				// The demo keeps nothing: no snapshots, no append-only file.
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			redis.start();
			return redis;
		}

		@Bean
		DataRedisConnectionDetails demoRedisConnectionDetails(RedisServer redis) {
			DataRedisConnectionDetails.Standalone standalone = DataRedisConnectionDetails.Standalone.of(LOOPBACK,
					redis.ports().get(0));
			return new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return standalone;
				}

			};
		}

	}

}

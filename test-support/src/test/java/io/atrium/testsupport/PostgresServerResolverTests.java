package io.atrium.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PostgresServerResolverTests {

	private static final BooleanSupplier noDocker = () -> false;

	private static final BooleanSupplier dockerMustNotBeAsked = () -> {
		throw new AssertionError("Docker must not be asked when the environment names a server");
	};

	@Test
	void environmentUrlWinsAndDockerIsNotAsked() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_POSTGRES_URL",
				"jdbc:postgresql://db.example:6543/atrium?user=alice&password=s3cret");
		PostgresServer server = new PostgresServerResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(server.source()).isEqualTo(Source.ENVIRONMENT);
		assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/atrium?user=alice&password=s3cret");
		assertThat(server.username()).isEqualTo("alice");
		assertThat(server.password()).isEqualTo("s3cret");
		assertThat(server.toString()).contains("db.example:6543").doesNotContain("s3cret");
	}

	@Test
	void environmentUserAndPasswordVariablesWinOverTheUrl() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_POSTGRES_URL",
				"jdbc:postgresql://db.example/atrium?user=alice&password=s3cret", "ATRIUM_TEST_POSTGRES_USER", "bob",
				"ATRIUM_TEST_POSTGRES_PASSWORD", "hunter2");
		PostgresServer server = new PostgresServerResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(server.username()).isEqualTo("bob");
		assertThat(server.password()).isEqualTo("hunter2");
	}

	@Test
	void environmentServerIsReallyUsed() throws SQLException {
		assumeTrue(listening(PostgresServerResolver.STANDARD_PORT), "no PostgreSQL listens on 127.0.0.1:5432");
		Map<String, String> environment = Map.of("ATRIUM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test",
				"ATRIUM_TEST_POSTGRES_USER", "postgres");
		PostgresServer server = new PostgresServerResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(selectOne(server)).isEqualTo(1);
		assertThat(currentDatabase(server)).isEqualTo("test");
	}

	@Test
	void blankEnvironmentUrlIsIgnored() {
		Map<String, String> environment = Map.of("ATRIUM_TEST_POSTGRES_URL", "  ");
		BooleanSupplier docker = () -> {
			throw new IllegalStateException("asked Docker");
		};
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new PostgresServerResolver(environment, docker, Ports.free()).resolve())
			.withMessage("asked Docker");
	}

	@Test
	void localServiceIsUsedWhenItAnswers() throws SQLException {
		// The port check is independent of the resolver's probe (a real login), so this test can fail.
		assumeTrue(listening(PostgresServerResolver.STANDARD_PORT), "no PostgreSQL listens on 127.0.0.1:5432");
		PostgresServer server = new PostgresServerResolver(Map.of(), noDocker, PostgresServerResolver.STANDARD_PORT)
			.resolve();
		assertThat(server.source()).isEqualTo(Source.LOCAL);
		assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
		assertThat(selectOne(server)).isEqualTo(1);
	}

	@Test
	void probeGivesUpQuicklyOnAClosedPort() {
		String refusal = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> PostgresServerResolver.refusal("jdbc:postgresql://127.0.0.1:" + Ports.free() + "/postgres"));
		assertThat(refusal).isNotNull();
	}

	@Test
	void embeddedServerIsStartedWhenNothingAnswers() throws Exception {
		int closedPort = Ports.free();
		PostgresServer server = new PostgresServerResolver(Map.of(), noDocker, closedPort).resolve();
		try {
			assertThat(server.source()).isEqualTo(Source.EMBEDDED);
			assertThat(server.reason()).contains("127.0.0.1:" + closedPort);
			assertThat(selectOne(server)).isEqualTo(1);
			assertThat(serverVersion(server)).startsWith("17.");
		}
		finally {
			server.close();
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> selectOne(server));
	}

	@Test
	void containerIsStartedWhenDockerIsAvailableSkippedWithoutDocker() throws Exception {
		assumeTrue(Docker.available(), "no Docker engine: the Testcontainers path is not exercised here");
		PostgresServer server = new PostgresServerResolver(Map.of(), () -> true, Ports.free()).resolve();
		try {
			assertThat(server.source()).isEqualTo(Source.TESTCONTAINERS);
			assertThat(selectOne(server)).isEqualTo(1);
		}
		finally {
			server.close();
		}
	}

	@Test
	void schemaUrlReplacesAnyCurrentSchemaAndKeepsOtherParameters() {
		assertThat(server("jdbc:postgresql://h/db").jdbcUrl("s1")).isEqualTo("jdbc:postgresql://h/db?currentSchema=s1");
		assertThat(server("jdbc:postgresql://h/db?user=u").jdbcUrl("s1"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&currentSchema=s1");
		assertThat(server("jdbc:postgresql://h/db?currentSchema=old&user=u").jdbcUrl("s1"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&currentSchema=s1");
		assertThat(server("jdbc:postgresql://h/db?user=u&currentSchema=old").jdbcUrl("s1"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&currentSchema=s1");
	}

	@Test
	void passwordsAreMaskedInUrls() {
		assertThat(PostgresServer.mask("jdbc:postgresql://h/db?user=u&password=p4ss&ssl=true"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&password=******&ssl=true");
		assertThat(PostgresServer.mask("jdbc:postgresql://h/db?PASSWORD=p4ss")).doesNotContain("p4ss");
	}

	private static PostgresServer server(String url) {
		return new PostgresServer(Source.ENVIRONMENT, "test", url, null, null, () -> {
		});
	}

	static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int selectOne(PostgresServer server) throws SQLException {
		return Integer.parseInt(query(server, "select 1"));
	}

	private static String currentDatabase(PostgresServer server) throws SQLException {
		return query(server, "select current_database()");
	}

	private static String serverVersion(PostgresServer server) throws SQLException {
		return query(server, "show server_version");
	}

	private static String query(PostgresServer server, String sql) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}

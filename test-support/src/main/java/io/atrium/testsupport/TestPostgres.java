package io.atrium.testsupport;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server shared by all tests in this JVM, handed out one schema at a time.
 * <p>
 * The server is chosen on first use, once per JVM, in this order:
 * <ol>
 * <li>{@code ATRIUM_TEST_POSTGRES_URL} (a JDBC URL; user and password in the URL or in
 * {@code ATRIUM_TEST_POSTGRES_USER} / {@code ATRIUM_TEST_POSTGRES_PASSWORD});</li>
 * <li>a {@code postgres:17-alpine} container when a Docker engine answers;</li>
 * <li>the local server on 127.0.0.1:5432 when user {@code postgres} can log in to database
 * {@code postgres} without a password;</li>
 * <li>an embedded PostgreSQL started from Maven artifacts.</li>
 * </ol>
 * The choice and the reason for it are logged once. Servers started here stop when the JVM exits.
 * <p>
 * Typical use, one schema per test class:
 * <pre class="code">
 * class AccountRepositoryTests {
 *
 * 	static final PostgresSchema db = TestPostgres.schemaFor(AccountRepositoryTests.class);
 *
 * 	JdbcClient jdbc = JdbcClient.create(db.dataSource());
 * 	...
 * }
 * </pre>
 */
public final class TestPostgres {

	private static final Logger logger = LoggerFactory.getLogger(TestPostgres.class);

	private static final int MAX_IDENTIFIER_LENGTH = 63;

	private static final Set<String> createdSchemas = ConcurrentHashMap.newKeySet();

	private static PostgresServer server;

	private static RuntimeException failure;

	private TestPostgres() {
	}

	/**
	 * Creates a new, empty schema named after the test class (plus a random suffix) on the shared
	 * server. Every call creates another schema: call it once per test class and keep the result.
	 * Schemas on servers this JVM did not start are dropped, best-effort, when the JVM exits.
	 * @param testClass the test class the schema is for
	 * @return the schema and how to connect to it
	 */
	public static PostgresSchema schemaFor(Class<?> testClass) {
		PostgresServer server = server();
		String schema = schemaName(testClass, Suffix.next());
		try {
			server.createSchema(schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create schema " + schema + " on " + server, ex);
		}
		createdSchemas.add(schema);
		return new PostgresSchema(server.jdbcUrl(schema), server.username(), server.password(), schema);
	}

	static synchronized PostgresServer server() {
		if (server == null && failure == null) {
			try {
				server = PostgresServerResolver.standard().resolve();
				logger.info("Tests use {}", server);
				JvmExit.onExit(server);
				if (server.source() == Source.ENVIRONMENT || server.source() == Source.LOCAL) {
					// Registered after the server, so it runs before the server stops.
					JvmExit.onExit(() -> dropSchemas(server));
				}
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw new IllegalStateException("No PostgreSQL for tests: " + failure.getMessage(), failure);
		}
		return server;
	}

	/**
	 * A valid, unquoted-safe PostgreSQL identifier: the class name in snake case, cut so that
	 * {@code _suffix} still fits in 63 characters.
	 */
	static String schemaName(Class<?> testClass, String suffix) {
		String name = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1)
			.replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
			.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_")
			.replaceAll("^_+|_+$", "");
		if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
			name = "t_" + name;
		}
		int room = MAX_IDENTIFIER_LENGTH - suffix.length() - 1;
		if (name.length() > room) {
			name = name.substring(0, room).replaceAll("_+$", "");
		}
		return name + "_" + suffix;
	}

	private static void dropSchemas(PostgresServer server) throws SQLException {
		if (!createdSchemas.isEmpty()) {
			Collection<String> left = server.dropSchemas(createdSchemas);
			if (!left.isEmpty()) {
				logger.debug("Could not drop schemas {} on {}", left, server);
			}
		}
	}

}

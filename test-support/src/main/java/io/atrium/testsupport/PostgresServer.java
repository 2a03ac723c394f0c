package io.atrium.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server chosen for this JVM's tests: how to reach its database, where it came from
 * and how to stop it if this JVM started it.
 *
 * @param source where the server came from
 * @param reason why it was chosen, for the log
 * @param jdbcUrl the database's JDBC URL, possibly with query parameters
 * @param username the user, or {@code null} when the URL names it
 * @param password the password, or {@code null} when none is needed or the URL holds it
 * @param stopper stops the server; does nothing for servers this JVM did not start
 */
record PostgresServer(Source source, String reason, String jdbcUrl, String username, String password,
		AutoCloseable stopper) implements AutoCloseable {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

	private static final Pattern SCHEMA_PARAMETER = Pattern.compile("(?i)[?&]currentSchema=[^&]*");

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	Connection connect() throws SQLException {
		Properties properties = new Properties();
		if (this.username != null) {
			properties.setProperty("user", this.username);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return DriverManager.getConnection(this.jdbcUrl, properties);
	}

	/**
	 * Creates the schema, owned by this server's user. A user that is not a superuser needs the
	 * {@code CREATE} privilege on the database; as the owner it can then drop the schema with
	 * everything in it.
	 */
	void createSchema(String schema) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			try {
				statement.execute("CREATE SCHEMA " + quote(schema));
			}
			catch (SQLException ex) {
				if (INSUFFICIENT_PRIVILEGE.equals(ex.getSQLState())) {
					throw new SQLException("User " + connection.getMetaData().getUserName()
							+ " may not create schemas; a superuser can allow it with GRANT CREATE ON DATABASE "
							+ quote(connection.getCatalog()) + " TO " + quote(connection.getMetaData().getUserName())
							+ " (" + ex.getMessage() + ")", ex.getSQLState(), ex);
				}
				throw ex;
			}
		}
	}

	/**
	 * Drops the schemas and everything in them, each on its own: one that cannot be dropped does
	 * not keep the others.
	 * @return the schemas that could not be dropped
	 */
	Collection<String> dropSchemas(Collection<String> schemas) throws SQLException {
		Collection<String> left = new ArrayList<>();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(10);
			for (String schema : schemas) {
				try {
					statement.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
				}
				catch (SQLException ex) {
					left.add(schema);
				}
			}
		}
		return left;
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/**
	 * The JDBC URL of the given schema: connections made with it resolve unqualified names there.
	 */
	String jdbcUrl(String schema) {
		String url = SCHEMA_PARAMETER.matcher(this.jdbcUrl).replaceAll("");
		if (!url.contains("?") && url.contains("&")) {
			// currentSchema was the first parameter: the next one becomes the first.
			url = url.replaceFirst("&", "?");
		}
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	/**
	 * The URL as it may be logged.
	 */
	String maskedJdbcUrl() {
		return mask(this.jdbcUrl);
	}

	static String mask(String jdbcUrl) {
		return PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1******");
	}

	@Override
	public void close() throws Exception {
		this.stopper.close();
	}

	@Override
	public String toString() {
		return "PostgreSQL " + maskedJdbcUrl() + " (" + this.source + ": " + this.reason + ")";
	}

}

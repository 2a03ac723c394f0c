package io.atrium.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on the shared test PostgreSQL server. Its {@link #jdbcUrl()} sets
 * {@code currentSchema}, so tables created and queried without a schema name land here and
 * nowhere else.
 *
 * @param jdbcUrl JDBC URL whose connections use this schema
 * @param username the user, or {@code null} when the URL names it
 * @param password the password, or {@code null} when none is needed or the URL holds it
 * @param schema the schema's name
 */
public record PostgresSchema(String jdbcUrl, String username, String password, String schema) {

	/**
	 * A new, unpooled {@link DataSource} for this schema: one physical connection per
	 * {@code getConnection()}, which is what plain JDBC tests want.
	 * @return a data source
	 */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.jdbcUrl);
		if (this.username != null) {
			dataSource.setUser(this.username);
		}
		if (this.password != null) {
			dataSource.setPassword(this.password);
		}
		return dataSource;
	}

	/**
	 * Spring Boot properties that point the application's {@code DataSource} at this schema, with the
	 * {@linkplain #smallPool() small pool} of every application test.
	 * @return {@code spring.datasource.url}, and {@code username} and {@code password} when known, and the
	 * pool's size and timeout
	 */
	public Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>(smallPool());
		properties.put("spring.datasource.url", this.jdbcUrl);
		if (this.username != null) {
			properties.put("spring.datasource.username", this.username);
		}
		// An empty password rather than none, so that a password from application.yml cannot leak in.
		properties.put("spring.datasource.password", (this.password != null) ? this.password : "");
		return properties;
	}

	/**
	 * Two pooled connections and a short wait for one: a test that leaks a connection (an unclosed
	 * {@code JdbcClient} stream, say) soon finds none left and fails within seconds, instead of the leak
	 * showing only after ten leaks in production. Two, not one, so that a request may still hold one
	 * while a scheduled task takes the other.
	 * @return Hikari's {@code maximum-pool-size} and {@code connection-timeout} (milliseconds)
	 */
	public static Map<String, Object> smallPool() {
		return Map.of("spring.datasource.hikari.maximum-pool-size", 2, "spring.datasource.hikari.connection-timeout",
				2000);
	}

	@Override
	public String toString() {
		return "PostgresSchema[jdbcUrl=" + PostgresServer.mask(this.jdbcUrl) + ", username=" + this.username
				+ ", schema=" + this.schema + "]";
	}

}

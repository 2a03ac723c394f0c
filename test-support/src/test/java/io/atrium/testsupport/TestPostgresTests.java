package io.atrium.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TestPostgresTests {

	@Test
	void schemasOnTheSharedServerDoNotSeeEachOthersTables() throws SQLException {
		PostgresSchema first = TestPostgres.schemaFor(TestPostgresTests.class);
		PostgresSchema second = TestPostgres.schemaFor(TestPostgresTests.class);
		assertThat(first.schema()).isNotEqualTo(second.schema());
		execute(first.dataSource(), "create table tenant (id int primary key)");
		execute(first.dataSource(), "insert into tenant values (1)");
		assertThat(queryInt(first.dataSource(), "select count(*) from tenant")).isEqualTo(1);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> queryInt(second.dataSource(), "select count(*) from tenant"))
			.withMessageContaining("does not exist");
		execute(second.dataSource(), "create table tenant (id int primary key)");
		assertThat(queryInt(second.dataSource(), "select count(*) from tenant")).isZero();
	}

	@Test
	void connectionsUseTheSchema() throws SQLException {
		PostgresSchema schema = TestPostgres.schemaFor(TestPostgresTests.class);
		assertThat(schema.jdbcUrl()).endsWith("currentSchema=" + schema.schema());
		try (Connection connection = schema.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select current_schema()")) {
			result.next();
			assertThat(result.getString(1)).isEqualTo(schema.schema());
		}
	}

	@Test
	void schemaIsNamedAfterTheTestClass() {
		PostgresSchema schema = TestPostgres.schemaFor(TestPostgresTests.class);
		assertThat(schema.schema()).matches("test_postgres_tests_[a-z0-9]{8}");
	}

	@Test
	void schemaNamesAreValidIdentifiersOfAtMost63Characters() {
		String name = TestPostgres.schemaName(
				AVeryLongNestedTestClassNameThatWouldNotFitIntoAPostgresIdentifierAtAllIfLeftAlone.class, "abcd1234");
		assertThat(name).hasSizeLessThanOrEqualTo(63)
			.matches("[a-z][a-z0-9_]*_abcd1234")
			.startsWith("test_postgres_tests_a_very_long")
			.doesNotContain("__");
		assertThat(TestPostgres.schemaName(Ünïcode$9.class, "abcd1234")).isEqualTo("test_postgres_tests_n_code_9_abcd1234");
	}

	@Test
	void springPropertiesPointAtTheSchema() {
		PostgresSchema schema = TestPostgres.schemaFor(TestPostgresTests.class);
		assertThat(schema.springProperties()).containsEntry("spring.datasource.url", schema.jdbcUrl())
			.containsKey("spring.datasource.password");
		assertThat(schema.toString()).contains(schema.schema());
	}

	@Test
	void schemasWorkForAUserThatIsNotASuperuser() throws SQLException {
		// CI's user is a role with CREATEDB and CREATE on the database, not a superuser: check that such
		// a role can create, use and drop its schemas, and is told what is missing when it cannot.
		PostgresServer shared = TestPostgres.server();
		String role = "atrium_test_role_" + Suffix.next();
		String password = Suffix.next();
		String schema = TestPostgres.schemaName(TestPostgresTests.class, Suffix.next());
		try (Connection admin = shared.connect(); Statement statement = admin.createStatement()) {
			assumeTrue("t".equals(query(statement, "select rolsuper from pg_roles where rolname = current_user")),
					"the shared server's user is not a superuser and cannot set up a role for this check");
			String database = query(statement, "select current_database()");
			statement.execute("CREATE ROLE " + role + " LOGIN CREATEDB NOSUPERUSER PASSWORD '" + password + "'");
			try {
				String url = shared.jdbcUrl().replaceFirst("\\?.*", "");
				PostgresServer asRole = new PostgresServer(Source.ENVIRONMENT, "test", url, role, password, () -> {
				});
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> asRole.createSchema(schema))
					.withMessageContaining("GRANT CREATE ON DATABASE")
					.withMessageContaining("\"" + role + "\"");
				statement.execute("GRANT CREATE ON DATABASE \"" + database + "\" TO " + role);
				asRole.createSchema(schema);
				PostgresSchema mine = new PostgresSchema(asRole.jdbcUrl(schema), role, password, schema);
				execute(mine.dataSource(), "create table tenant (id int primary key)");
				execute(mine.dataSource(), "insert into tenant values (1)");
				assertThat(queryInt(mine.dataSource(), "select count(*) from tenant")).isEqualTo(1);
				assertThat(asRole.dropSchemas(List.of(schema))).isEmpty();
				assertThat(query(statement,
						"select count(*) from pg_namespace where nspname = '" + schema + "'")).isEqualTo("0");
			}
			finally {
				statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
				statement.execute("DROP OWNED BY " + role);
				statement.execute("DROP ROLE " + role);
			}
		}
	}

	@Test
	void serverIsChosenOncePerJvm() {
		assertThat(TestPostgres.server()).isSameAs(TestPostgres.server());
	}

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String query(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static int queryInt(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

	static class AVeryLongNestedTestClassNameThatWouldNotFitIntoAPostgresIdentifierAtAllIfLeftAlone {

	}

	static class Ünïcode$9 {

	}

}

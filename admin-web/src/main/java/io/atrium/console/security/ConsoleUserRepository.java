package io.atrium.console.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Console users in PostgreSQL ({@code console_user}). Usernames are matched without regard to case.
 */
@Repository
class ConsoleUserRepository {

	private static final String COLUMNS = "id, username, role, tenant_id, enabled, created_at";

	private final JdbcClient jdbc;

	ConsoleUserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ConsoleUser insert(String username, String passwordHash, ConsoleRole role, Long tenantId, Instant now) {
		return this.jdbc.sql("insert into console_user (username, password_hash, role, tenant_id, enabled, created_at) "
				+ "values (:username, :hash, :role, :tenant, true, :now) returning " + COLUMNS)
			.param("username", username)
			.param("hash", passwordHash)
			.param("role", role.name())
			.param("tenant", tenantId)
			.param("now", Timestamp.from(now))
			.query(ConsoleUserRepository::map)
			.single();
	}

	Optional<ConsolePrincipal> findPrincipal(String username) {
		return this.jdbc.sql("select username, password_hash, role, tenant_id, enabled from console_user "
				+ "where lower(username) = lower(:username)")
			.param("username", username)
			.query((rs, row) -> new ConsolePrincipal(rs.getString(1), rs.getString(2), rs.getBoolean(5),
					ConsoleRole.valueOf(rs.getString(3)), tenantId(rs)))
			.optional();
	}

	boolean existsWithRole(ConsoleRole role) {
		return this.jdbc.sql("select exists (select 1 from console_user where role = :role and enabled)")
			.param("role", role.name())
			.query(Boolean.class)
			.single();
	}

	boolean existsByUsername(String username) {
		return this.jdbc.sql("select exists (select 1 from console_user where lower(username) = lower(:username))")
			.param("username", username)
			.query(Boolean.class)
			.single();
	}

	List<ConsoleUser> findByTenant(long tenantId) {
		return this.jdbc.sql("select " + COLUMNS + " from console_user where tenant_id = :tenant order by username")
			.param("tenant", tenantId)
			.query(ConsoleUserRepository::map)
			.list();
	}

	private static Long tenantId(ResultSet rs) throws SQLException {
		long tenant = rs.getLong("tenant_id");
		return rs.wasNull() ? null : tenant;
	}

	private static ConsoleUser map(ResultSet rs, int row) throws SQLException {
		return new ConsoleUser(rs.getLong("id"), rs.getString("username"), ConsoleRole.valueOf(rs.getString("role")),
				tenantId(rs), rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
	}

}

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
		return this.jdbc.sql("insert into console_user (username, password_hash, role, tenant_id, enabled, created_at, "
				+ "credentials_changed_at) values (:username, :hash, :role, :tenant, true, :now, :now) returning "
				+ COLUMNS)
			.param("username", username)
			.param("hash", passwordHash)
			.param("role", role.name())
			.param("tenant", tenantId)
			.param("now", Timestamp.from(now))
			.query(ConsoleUserRepository::map)
			.single();
	}

	Optional<ConsolePrincipal> findPrincipal(String username) {
		return this.jdbc.sql("select username, password_hash, role, tenant_id, enabled, credentials_changed_at "
				+ "from console_user where lower(username) = lower(:username)")
			.param("username", username)
			.query((rs, row) -> new ConsolePrincipal(rs.getString(1), rs.getString(2), rs.getBoolean(5),
					ConsoleRole.valueOf(rs.getString(3)), tenantId(rs), rs.getTimestamp(6).toInstant()))
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

	Optional<ConsoleUser> findByUsername(String username) {
		return this.jdbc.sql("select " + COLUMNS + " from console_user where lower(username) = lower(:username)")
			.param("username", username)
			.query(ConsoleUserRepository::map)
			.optional();
	}

	Optional<ConsoleUser> findById(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from console_user where id = :id")
			.param("id", id)
			.query(ConsoleUserRepository::map)
			.optional();
	}

	/** Every user, operators first, with the tenant's name for merchants. */
	List<ConsoleUserListing> findAllWithTenant() {
		return this.jdbc.sql("select u.id, u.username, u.role, u.tenant_id, u.enabled, u.created_at, t.name as tenant_name "
				+ "from console_user u left join tenant t on t.id = u.tenant_id "
				+ "order by (u.role = 'MERCHANT'), lower(u.username)")
			.query((rs, row) -> new ConsoleUserListing(map(rs, row), rs.getString("tenant_name")))
			.list();
	}

	/** The password hash, for checking a current password; empty if there is no such user. */
	Optional<String> findPasswordHash(String username) {
		return this.jdbc.sql("select password_hash from console_user where lower(username) = lower(:username)")
			.param("username", username)
			.query(String.class)
			.optional();
	}

	/** Whether a session that logged in at the given time may go on: enabled and credentials unchanged since. */
	Optional<Standing> findStanding(String username) {
		return this.jdbc.sql("select enabled, credentials_changed_at from console_user "
				+ "where lower(username) = lower(:username)")
			.param("username", username)
			.query((rs, row) -> new Standing(rs.getBoolean(1), rs.getTimestamp(2).toInstant()))
			.optional();
	}

	/**
	 * Locks the enabled administrators' rows until the transaction ends, so that two administrators disabling each
	 * other at once cannot both see "another one is left".
	 */
	List<Long> lockEnabledAdmins() {
		return this.jdbc.sql("select id from console_user where role = 'PLATFORM_ADMIN' and enabled order by id for update")
			.query(Long.class)
			.list();
	}

	void updateEnabled(long id, boolean enabled, Instant now) {
		// Disabling also moves credentials_changed_at, so that a session unused while disabled stays ended.
		this.jdbc.sql("update console_user set enabled = :enabled, "
				+ "credentials_changed_at = case when :enabled then credentials_changed_at else :now end where id = :id")
			.param("enabled", enabled)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	void updatePassword(long id, String passwordHash, Instant now) {
		this.jdbc.sql("update console_user set password_hash = :hash, credentials_changed_at = :now where id = :id")
			.param("hash", passwordHash)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/** What decides whether a console user's session stands. */
	record Standing(boolean enabled, Instant credentialsChangedAt) {
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

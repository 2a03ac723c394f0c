package io.atrium.token.onboarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Onboarding sessions in PostgreSQL, so that a link handed out survives a Redis loss or a restart.
 */
@Repository
class OnboardingSessions {

	private static final String COLUMNS = "id, tenant_id, expires_at, completed_appid, completed_code_hash, "
			+ "completed_at, returned_at, created_at";

	private final JdbcClient jdbc;

	OnboardingSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, long tenantId, CodeHash preAuthCode, Instant expiresAt, Instant now) {
		this.jdbc.sql("""
				insert into onboarding_session (id, tenant_id, pre_auth_code_hash, expires_at, created_at)
				values (:id, :tenant, :hash, :expiresAt, :now)""")
			.param("id", id)
			.param("tenant", tenantId)
			.param("hash", preAuthCode.hex())
			.param("expiresAt", Timestamp.from(expiresAt))
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<OnboardingSession> findById(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from onboarding_session where id = :id")
			.param("id", id)
			.query(OnboardingSessions::map)
			.optional();
	}

	Optional<OnboardingSession> findByPreAuthCode(CodeHash preAuthCode) {
		return this.jdbc.sql("select " + COLUMNS + " from onboarding_session where pre_auth_code_hash = :hash")
			.param("hash", preAuthCode.hex())
			.query(OnboardingSessions::map)
			.optional();
	}

	/** Records the account and code that completed the session; false when it was completed before. */
	boolean complete(UUID id, String appId, CodeHash code, Instant now) {
		return this.jdbc.sql("""
				update onboarding_session set completed_appid = :appid, completed_code_hash = :hash, completed_at = :now
				where id = :id and completed_at is null""")
			.param("appid", appId)
			.param("hash", code.hex())
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	/** Records the browser's return; false when it came back before (the return URL is being replayed). */
	boolean markReturned(UUID id, Instant now) {
		return this.jdbc.sql("update onboarding_session set returned_at = :now where id = :id and returned_at is null")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	private static OnboardingSession map(ResultSet rs, int row) throws SQLException {
		String completedCode = rs.getString("completed_code_hash");
		return new OnboardingSession(rs.getObject("id", UUID.class), rs.getLong("tenant_id"),
				instant(rs, "expires_at"), rs.getString("completed_appid"),
				(completedCode != null) ? new CodeHash(completedCode) : null, instant(rs, "completed_at"),
				instant(rs, "returned_at"), instant(rs, "created_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}

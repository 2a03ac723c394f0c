package io.atrium.console.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code console_access_audit}: console users who asked for something outside what they may see.
 */
@Repository
public class AccessAudit {

	private final JdbcClient jdbc;

	AccessAudit(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(Refusal refusal) {
		this.jdbc.sql("""
				insert into console_access_audit (username, user_tenant_id, target_kind, target, request_path,
					occurred_at)
				values (:username, :tenant, :kind, :target, :path, :at)""")
			.param("username", refusal.username())
			.param("tenant", refusal.userTenantId())
			.param("kind", refusal.targetKind())
			.param("target", refusal.target())
			.param("path", refusal.requestPath())
			.param("at", Timestamp.from(refusal.occurredAt()))
			.update();
	}

	/** The latest refusals, newest first. */
	public List<Refusal> latest(int limit) {
		return this.jdbc.sql("""
				select username, user_tenant_id, target_kind, target, request_path, occurred_at
				from console_access_audit order by occurred_at desc, id desc limit :limit""")
			.param("limit", limit)
			.query((rs, row) -> new Refusal(rs.getString(1), (Long) rs.getObject(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	/**
	 * One refused attempt.
	 * @param targetKind {@code account}, {@code tenant} or {@code onboarding}
	 */
	public record Refusal(String username, Long userTenantId, String targetKind, String target, String requestPath,
			Instant occurredAt) {
	}

}

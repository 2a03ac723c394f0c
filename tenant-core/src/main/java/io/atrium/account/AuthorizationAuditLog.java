package io.atrium.account;

import java.sql.Timestamp;
import java.util.List;

import io.atrium.account.AuditEntry.AccountState;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only history of every change to an account's authorization.
 */
@Repository
public class AuthorizationAuditLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	public AuthorizationAuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(AuditEntry entry) {
		this.jdbc.sql("""
				insert into authorization_audit (appid, tenant_id, actor, action, detail, before_state, after_state,
					occurred_at)
				values (:appid, :tenant, :actor, :action, :detail, :before::jsonb, :after::jsonb, :occurredAt)""")
			.param("appid", entry.appId())
			.param("tenant", entry.tenantId())
			.param("actor", entry.actor())
			.param("action", entry.action().name())
			.param("detail", entry.detail())
			.param("before", json(entry.before()))
			.param("after", json(entry.after()))
			.param("occurredAt", Timestamp.from(entry.occurredAt()))
			.update();
	}

	/** The account's history, newest first. */
	public List<AuditEntry> history(String appId, int limit) {
		return this.jdbc.sql("""
				select appid, tenant_id, actor, action, detail, before_state::text, after_state::text, occurred_at
				from authorization_audit where appid = :appid order by occurred_at desc, id desc limit :limit""")
			.param("appid", appId)
			.param("limit", limit)
			.query((rs, row) -> new AuditEntry(rs.getString(1), (Long) rs.getObject(2), rs.getString(3),
					AuditAction.valueOf(rs.getString(4)), rs.getString(5), state(rs.getString(6)),
					state(rs.getString(7)), rs.getTimestamp(8).toInstant()))
			.list();
	}

	private static String json(AccountState state) {
		return (state != null) ? JSON.writeValueAsString(state) : null;
	}

	private static AccountState state(String json) {
		return (json != null) ? JSON.readValue(json, AccountState.class) : null;
	}

}

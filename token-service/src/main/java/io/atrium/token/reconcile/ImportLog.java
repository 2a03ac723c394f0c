package io.atrium.token.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.atrium.token.reconcile.ImportPlan.Account;
import io.atrium.token.reconcile.ImportPlan.Outcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of every import run: who, when, how tenants were assigned, how many accounts came out which way,
 * and each account's outcome. Never a token.
 */
@Repository
public class ImportLog {

	private final JdbcClient jdbc;

	ImportLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long start(String actor, String source, int listed, Instant now) {
		return this.jdbc.sql("""
				insert into authorizer_import (actor, source, started_at, listed) values (:actor, :source, :now, :listed)
				returning id""")
			.param("actor", actor)
			.param("source", source)
			.param("now", Timestamp.from(now))
			.param("listed", listed)
			.query(Long.class)
			.single();
	}

	void record(long importId, Account account) {
		this.jdbc.sql("""
				insert into authorizer_import_account (import_id, appid, tenant_id, outcome, detail)
				values (:id, :appid, :tenant, :outcome, :detail)""")
			.param("id", importId)
			.param("appid", account.appId())
			.param("tenant", account.tenantId())
			.param("outcome", account.outcome().name())
			.param("detail", account.detail())
			.update();
	}

	void finish(long importId, ImportPlan done, Instant now) {
		this.jdbc.sql("""
				update authorizer_import set finished_at = :now, imported = :imported, already_held = :held,
					held_by_other = :other, failed = :failed where id = :id""")
			.param("id", importId)
			.param("now", Timestamp.from(now))
			.param("imported", done.count(Outcome.IMPORTED))
			.param("held", done.count(Outcome.ALREADY_HELD))
			.param("other", done.count(Outcome.HELD_BY_ANOTHER_TENANT))
			.param("failed", done.count(Outcome.FAILED) + done.count(Outcome.NO_REFRESH_TOKEN))
			.update();
	}

	/** The latest runs, newest first. */
	public List<ImportRecord> recent(int limit) {
		return this.jdbc.sql("""
				select id, actor, source, started_at, finished_at, listed, imported, already_held, held_by_other, failed
				from authorizer_import order by id desc limit :limit""")
			.param("limit", limit)
			.query((rs, row) -> new ImportRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(),
					(rs.getTimestamp(5) != null) ? rs.getTimestamp(5).toInstant() : null, rs.getInt(6), rs.getInt(7),
					rs.getInt(8), rs.getInt(9), rs.getInt(10)))
			.list();
	}

	/** One import run; {@code finishedAt} is null while it runs (or when its instance died midway). */
	public record ImportRecord(long id, String actor, String source, Instant startedAt, Instant finishedAt,
			int listed, int imported, int alreadyHeld, int heldByOther, int failed) {
	}

}

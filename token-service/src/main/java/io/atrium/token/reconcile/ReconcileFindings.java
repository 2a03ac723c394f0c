package io.atrium.token.reconcile;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The findings of the last reconcile, kept until a later run no longer sees them.
 */
@Repository
public class ReconcileFindings {

	public enum Kind {

		UNKNOWN_TO_ATRIUM, NOT_LISTED_BY_WECHAT

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	public ReconcileFindings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Makes {@code appIds} the current findings of this kind, keeping when each was first seen. */
	@Transactional
	public void replace(Kind kind, List<String> appIds) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("delete from reconcile_finding where kind = :kind and not (appid = any (:appids::varchar[]))")
			.param("kind", kind.name())
			.param("appids", "{" + String.join(",", appIds) + "}")
			.update();
		for (String appId : appIds) {
			this.jdbc.sql("""
					insert into reconcile_finding (kind, appid, first_seen, last_seen) values (:kind, :appid, :now, :now)
					on conflict (kind, appid) do update set last_seen = excluded.last_seen""")
				.param("kind", kind.name())
				.param("appid", appId)
				.param("now", now)
				.update();
		}
	}

	/** Drops one finding that no longer holds (an unknown authorizer an import took over). */
	public void resolve(Kind kind, String appId) {
		this.jdbc.sql("delete from reconcile_finding where kind = :kind and appid = :appid")
			.param("kind", kind.name())
			.param("appid", appId)
			.update();
	}

	public List<String> current(Kind kind) {
		return this.jdbc.sql("select appid from reconcile_finding where kind = :kind order by appid")
			.param("kind", kind.name())
			.query(String.class)
			.list();
	}

}

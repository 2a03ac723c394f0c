package io.atrium.lending;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit of token lending in PostgreSQL ({@code token_lend}): every lend and every report of a refused token,
 * with the key, the account (null: the component token) and the time. Never the token.
 */
@Repository
class LendLog {

	enum Kind {

		LEND, REPORT_INVALID

	}

	private final JdbcClient jdbc;

	LendLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(long apiKeyId, String appId, Kind kind, boolean refreshed, Instant at) {
		this.jdbc.sql("insert into token_lend (api_key_id, appid, kind, refreshed, at) "
				+ "values (:key, :appid, :kind, :refreshed, :at)")
			.param("key", apiKeyId)
			.param("appid", appId)
			.param("kind", kind.name())
			.param("refreshed", refreshed)
			.param("at", Timestamp.from(at))
			.update();
	}

	long count(String appId, Kind kind) {
		return this.jdbc.sql("select count(*) from token_lend where appid is not distinct from :appid and kind = :kind")
			.param("appid", appId)
			.param("kind", kind.name())
			.query(Long.class)
			.single();
	}

}

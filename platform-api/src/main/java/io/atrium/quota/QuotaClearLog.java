package io.atrium.quota;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code quota_clear} audit, which is also how the monthly allowance is enforced across instances: a clear is
 * claimed (PENDING) under a per-account transaction lock only while fewer than the allowance were claimed or done
 * this month.
 */
@Repository
class QuotaClearLog {

	enum Outcome {

		PENDING, CLEARED, REFUSED, FAILED

	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	QuotaClearLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
	}

	/**
	 * Claims one clear of this month's allowance.
	 * @return the claim's id, or null when the allowance is spent
	 */
	Long claim(String appId, String actor, Instant at, Instant monthStart, int allowance) {
		return this.transactions.execute((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(hashtext('quota_clear:' || :appid))")
				.param("appid", appId)
				.query((rs, row) -> 1)
				.list();
			if (spent(appId, monthStart) >= allowance) {
				return null;
			}
			return this.jdbc.sql("insert into quota_clear (appid, actor, at, outcome) values (:appid, :actor, :at, "
					+ "'PENDING') returning id")
				.param("appid", appId)
				.param("actor", actor)
				.param("at", Timestamp.from(at))
				.query(Long.class)
				.single();
		});
	}

	void settle(long id, Outcome outcome, Integer errcode) {
		this.jdbc.sql("update quota_clear set outcome = :outcome, errcode = :errcode where id = :id")
			.param("outcome", outcome.name())
			.param("errcode", errcode)
			.param("id", id)
			.update();
	}

	/** Clears of this month that count against the allowance: done, refused by WeChat, or under way. */
	int spent(String appId, Instant monthStart) {
		return this.jdbc.sql("select count(*) from quota_clear where appid = :appid and at >= :since "
				+ "and outcome in ('PENDING', 'CLEARED', 'REFUSED')")
			.param("appid", appId)
			.param("since", Timestamp.from(monthStart))
			.query(Integer.class)
			.single();
	}

}

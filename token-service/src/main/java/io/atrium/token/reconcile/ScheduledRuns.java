package io.atrium.token.reconcile;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Turns of a deployment's scheduled jobs: every instance's schedule asks, one instance per interval gets the turn.
 * The last start is a row in PostgreSQL, claimed by one conditional upsert, so that instances started together (a
 * rollout) or at different times run a job once per interval between them, and a restart or a Redis flush does not
 * make every instance run it again.
 */
@Repository
class ScheduledRuns {

	/** Which instance took a turn, for whoever reads the row: host and process. */
	private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

	private final JdbcClient jdbc;

	private final Clock clock;

	ScheduledRuns(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Takes the job's turn if it last started at least {@code interval} ago (or never).
	 * @return whether this caller has the turn and should run the job
	 */
	boolean claim(String job, Duration interval) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				insert into scheduled_run (job, started_at, started_by) values (:job, :now, :by)
				on conflict (job) do update set started_at = excluded.started_at, started_by = excluded.started_by
				where scheduled_run.started_at <= :due""")
			.param("job", job)
			.param("now", Timestamp.from(now))
			.param("by", INSTANCE)
			.param("due", Timestamp.from(now.minus(interval)))
			.update() == 1;
	}

}

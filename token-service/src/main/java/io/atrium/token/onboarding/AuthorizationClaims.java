package io.atrium.token.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who redeems each authorization code: the first to insert the code's hash. The return URL and the
 * {@code authorized} push carry the same code and may arrive together, on different instances; only the claim's
 * holder calls {@code api_query_auth}, everyone else reads the outcome it recorded.
 */
@Repository
class AuthorizationClaims {

	enum Outcome {

		AUTHORIZED, HELD_BY_ANOTHER_TENANT, CODE_REJECTED,

		/**
		 * Not final: WeChat may have spent the code without Atrium storing the account ({@code api_query_auth} timed
		 * out, or answered and the write failed). The next arrival of the code takes the claim at once and recovers.
		 */
		UNCONFIRMED,

		/** A recovery found that WeChat does not list the authorizer: there is no authorization left to store. */
		NOT_LISTED

	}

	/** A claim as stored: the session it redeems the code for (null: an account update), and its outcome if done. */
	record Claim(UUID sessionId, Outcome outcome, String appId) {
	}

	/**
	 * A claim this caller now holds.
	 * @param attempt 1 for the first holder; above 1, an earlier holder may have presented the code to WeChat
	 * @param appId the authorizer an earlier holder learnt from WeChat, null if none did
	 */
	record Held(int attempt, String appId) {

		boolean mayBeSpent() {
			return this.attempt > 1;
		}

	}

	private final JdbcClient jdbc;

	AuthorizationClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the code for a session (or for an account update when {@code sessionId} is null). For the same
	 * session, an {@link Outcome#UNCONFIRMED} claim is taken over at once, and a claim left unfinished since before
	 * {@code staleBefore} (its holder died) too.
	 * @return the claim if this caller now holds it
	 */
	Optional<Held> claim(CodeHash code, UUID sessionId, UUID claimId, Instant now, Instant staleBefore) {
		return this.jdbc.sql("""
				insert into authorization_code_claim (code_hash, session_id, claim_id, claimed_at)
				values (:hash, :session, :claim, :now)
				on conflict (code_hash) do update set claim_id = excluded.claim_id, claimed_at = excluded.claimed_at,
					outcome = null, attempts = authorization_code_claim.attempts + 1
				where ((authorization_code_claim.outcome is null and authorization_code_claim.claimed_at < :staleBefore)
						or authorization_code_claim.outcome = 'UNCONFIRMED')
					and authorization_code_claim.session_id is not distinct from excluded.session_id
				returning attempts, appid""")
			.param("hash", code.hex())
			.param("session", sessionId)
			.param("claim", claimId)
			.param("now", Timestamp.from(now))
			.param("staleBefore", Timestamp.from(staleBefore))
			.query((rs, row) -> new Held(rs.getInt(1), rs.getString(2)))
			.optional();
	}

	Optional<Claim> find(CodeHash code) {
		return this.jdbc.sql("select session_id, outcome, appid from authorization_code_claim where code_hash = :hash")
			.param("hash", code.hex())
			.query((rs, row) -> new Claim(rs.getObject(1, UUID.class),
					(rs.getString(2) != null) ? Outcome.valueOf(rs.getString(2)) : null, rs.getString(3)))
			.optional();
	}

	/**
	 * The latest refusal of a code that came back through the session's link (another tenant holds the account,
	 * WeChat rejected the code, WeChat no longer lists the account), if any.
	 */
	Optional<Claim> latestRefusal(UUID sessionId) {
		return this.jdbc.sql("""
				select session_id, outcome, appid from authorization_code_claim
				where session_id = :session and outcome in ('HELD_BY_ANOTHER_TENANT', 'CODE_REJECTED', 'NOT_LISTED')
				order by finished_at desc limit 1""")
			.param("session", sessionId)
			.query((rs, row) -> new Claim(rs.getObject(1, UUID.class), Outcome.valueOf(rs.getString(2)),
					rs.getString(3)))
			.optional();
	}

	/** Records the final outcome of a held claim; the code is spent either way. */
	void finish(CodeHash code, UUID claimId, Outcome outcome, String appId, Instant now) {
		this.jdbc.sql("""
				update authorization_code_claim set outcome = :outcome, appid = :appid, finished_at = :now
				where code_hash = :hash and claim_id = :claim and outcome is null""")
			.param("outcome", outcome.name())
			.param("appid", appId)
			.param("now", Timestamp.from(now))
			.param("hash", code.hex())
			.param("claim", claimId)
			.update();
	}

	/**
	 * Keeps a held claim for the next arrival of the code: WeChat may have spent it (no clear answer, or an answer
	 * Atrium could not store). {@code appId}, when WeChat named it, is kept for a return that does not know it.
	 */
	void unconfirmed(CodeHash code, UUID claimId, String appId, Instant now) {
		this.jdbc.sql("""
				update authorization_code_claim set outcome = 'UNCONFIRMED', appid = coalesce(:appid, appid),
					finished_at = :now
				where code_hash = :hash and claim_id = :claim and outcome is null""")
			.param("appid", appId)
			.param("now", Timestamp.from(now))
			.param("hash", code.hex())
			.param("claim", claimId)
			.update();
	}

	/** Gives a held claim up (WeChat clearly did not spend the code): the next arrival of the code may try again. */
	void release(CodeHash code, UUID claimId) {
		this.jdbc.sql("delete from authorization_code_claim where code_hash = :hash and claim_id = :claim "
				+ "and outcome is null")
			.param("hash", code.hex())
			.param("claim", claimId)
			.update();
	}

}

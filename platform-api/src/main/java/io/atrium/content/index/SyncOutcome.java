package io.atrium.content.index;

/** How an account's last sync run ended. */
public enum SyncOutcome {

	/** Every post and material was listed: the index is the account's content as of that run. */
	COMPLETE,

	/** Stopped at the sync's share of the daily limit, or at WeChat's 45009; resumes the next WeChat day. */
	QUOTA_PAUSED,

	/** Stopped by the per-minute limit (Atrium's or WeChat's 45011); resumes when it allows calls again. */
	RATE_LIMITED,

	/** The account does not (or no longer) grant the permission sets, or is not authorized: nothing to sync. */
	NOT_PERMITTED,

	/** WeChat or a store failed mid-run; resumes where it stopped after {@code retry-after-failure}. */
	FAILED

}

package io.atrium.token.message;

import java.time.Instant;
import java.util.List;

/**
 * What the console shows of WeChat's 全网发布 test: whether Atrium answers it, the last test message seen, and each
 * step's latest outcome (from any instance: kept in Redis).
 *
 * @param enabled {@code atrium.wechat.release-test.enabled}
 * @param lastAppId the test account of the last test message seen, null if none was
 * @param lastSeenAt when it was seen, null if none was
 * @param steps {@code text}, {@code query_auth_code}, {@code event}, in that order; a step never seen has no time
 */
public record ReleaseTestStatus(boolean enabled, String lastAppId, Instant lastSeenAt, List<Step> steps) {

	public ReleaseTestStatus {
		steps = List.copyOf(steps);
	}

	/**
	 * @param name {@code text}, {@code query_auth_code} or {@code event}
	 * @param appId the test account it was for, null if never seen
	 * @param at when its latest outcome was recorded, null if never seen
	 * @param outcome null if never seen
	 * @param detail what failed (WeChat's errcode, the API), the event's name; never a code or token
	 */
	public record Step(String name, String appId, Instant at, Outcome outcome, String detail) {

		public boolean seen() {
			return this.outcome != null;
		}

	}

	public enum Outcome {

		/** Answered with the passive reply the test expects. */
		REPLIED,

		/** Answered empty; api_query_auth and the customer-service message are queued. */
		QUEUED,

		/** api_query_auth and the customer-service message succeeded. */
		SENT,

		/** api_query_auth or the customer-service message failed. */
		FAILED,

		/** Answered empty, but the work queue was full: nothing was sent. */
		DROPPED;

		/** true or false once the step is over, null while it is not. */
		public Boolean passed() {
			return switch (this) {
				case REPLIED, SENT -> true;
				case FAILED, DROPPED -> false;
				case QUEUED -> null;
			};
		}

	}

}

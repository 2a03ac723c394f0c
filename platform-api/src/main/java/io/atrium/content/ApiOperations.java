package io.atrium.content;

import io.atrium.upstream.OpenBreaker;


/**
 * One account's use of one WeChat API today.
 *
 * @param api WeChat's path, e.g. {@code /cgi-bin/freepublish/getarticle}
 * @param callsToday attempts sent to WeChat since midnight Asia/Shanghai (retries and replays included), by every
 * instance
 * @param perMinuteLimit Atrium's own limit per minute
 * @param perDayLimit Atrium's own limit per day
 * @param availableCalls calls left in the account's shared bucket right now (the lower of the two limits)
 * @param breaker the quota breaker while WeChat's quota is spent, else null
 */
public record ApiOperations(String api, long callsToday, int perMinuteLimit, int perDayLimit, long availableCalls,
		OpenBreaker breaker) {

	/** Today's calls as a percentage of Atrium's daily limit, rounded (retries can take it past 100). */
	public long dailyPercent() {
		return (this.perDayLimit > 0) ? Math.round(100.0 * this.callsToday / this.perDayLimit) : 0;
	}

}

package io.atrium.quota;

import java.util.List;

/**
 * An account's quotas as WeChat counts them beside Atrium's own counts, and its clear_quota allowance.
 *
 * @param appId the account
 * @param apis per API
 * @param clearsThisMonth clear_quota calls counted against this month's allowance
 * @param clearAllowance WeChat's allowance per month
 */
public record QuotaReport(String appId, List<ApiQuota> apis, int clearsThisMonth, int clearAllowance) {

	public int clearsLeft() {
		return Math.max(0, this.clearAllowance - this.clearsThisMonth);
	}

	/**
	 * One API's figures.
	 *
	 * @param path WeChat's path
	 * @param dailyLimit WeChat's daily limit for this account, or null when WeChat did not say
	 * @param used calls WeChat counted today
	 * @param remain calls WeChat will still take today
	 * @param atriumCallsToday attempts Atrium sent today (all instances)
	 * @param atriumPerDay Atrium's own daily limit
	 * @param errcode WeChat's error when it would not give the figures (e.g. 76021 for an API it does not meter)
	 */
	public record ApiQuota(String path, Long dailyLimit, Long used, Long remain, long atriumCallsToday,
			int atriumPerDay, Integer errcode) {

	}

}

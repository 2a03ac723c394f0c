package io.atrium.sandbox.limits;

/**
 * How often one account may call one API: per day (Asia/Shanghai calendar day of the sandbox clock) and per
 * minute (calendar minute).
 */
public record QuotaLimit(long dailyLimit, long perMinute) {

	public QuotaLimit {
		if (dailyLimit < 0 || perMinute < 0) {
			throw new IllegalArgumentException("quota limits must not be negative");
		}
	}

}

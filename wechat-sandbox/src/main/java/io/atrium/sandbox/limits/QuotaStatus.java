package io.atrium.sandbox.limits;

/** One account's use of one API today and its limits, as {@code openapi/quota/get} reports them. */
public record QuotaStatus(long dailyLimit, long used, long perMinute) {

	public long remain() {
		return Math.max(0, this.dailyLimit - this.used);
	}

}

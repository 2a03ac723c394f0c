package io.atrium.sandbox.limits;

import io.atrium.sandbox.api.ApiEndpoint;

/**
 * A fault to inject into calls of one endpoint, optionally only for one account: first a delay, then an error body
 * ({@code errcode}) or a bare HTTP status; {@code times} bounds how often (null = no bound), {@code probability}
 * how likely each matching call is hit.
 */
public record Fault(ApiEndpoint endpoint, String appid, Integer errcode, String errmsg, Integer httpStatus,
		long delayMillis, Integer times, double probability) {

	public Fault {
		if (endpoint == null) {
			throw new IllegalArgumentException("endpoint is required");
		}
		if (errcode == null && httpStatus == null && delayMillis <= 0) {
			throw new IllegalArgumentException("a fault needs errcode, httpStatus or delayMillis");
		}
		if (errcode != null && httpStatus != null) {
			throw new IllegalArgumentException("errcode and httpStatus exclude each other");
		}
		if (errcode != null && errcode == 0) {
			throw new IllegalArgumentException("errcode 0 is success, not a fault");
		}
		if (httpStatus != null && (httpStatus < 200 || httpStatus > 599)) {
			throw new IllegalArgumentException("httpStatus must be 200..599");
		}
		if (delayMillis < 0 || delayMillis > 60_000) {
			throw new IllegalArgumentException("delayMillis must be 0..60000");
		}
		if (times != null && times < 1) {
			throw new IllegalArgumentException("times must be at least 1");
		}
		if (!(probability >= 0 && probability <= 1)) {
			throw new IllegalArgumentException("probability must be 0..1");
		}
	}

}

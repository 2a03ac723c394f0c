package io.atrium.quota;

import java.time.Instant;

/**
 * What WeChat recorded for a request id ({@code openapi/rid/get}), for WeChat support or an operator's diagnosis.
 * The request URL comes from WeChat as WeChat recorded it; Atrium removes any token from it before showing it.
 *
 * @param rid the request id
 * @param invokedAt when the request was made
 * @param costMillis how long WeChat took
 * @param requestUrl the URL, without its access token
 * @param requestBody the request's body
 * @param responseBody WeChat's answer
 * @param clientIp the caller's address as WeChat saw it
 */
public record RidDetails(String rid, Instant invokedAt, long costMillis, String requestUrl, String requestBody,
		String responseBody, String clientIp) {

}

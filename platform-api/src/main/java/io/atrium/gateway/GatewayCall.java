package io.atrium.gateway;

import io.atrium.apikey.ApiKey;

/**
 * One call a caller asked the gateway to forward.
 *
 * @param key the calling key
 * @param appId the account to call for
 * @param method GET or POST
 * @param path WeChat's path, e.g. {@code /cgi-bin/menu/get}
 * @param query the caller's query string as sent (still encoded), without any {@code access_token}; may be empty
 * @param contentType the caller's Content-Type (a multipart upload's boundary is in it), or null
 * @param body the caller's body
 */
record GatewayCall(ApiKey key, String appId, String method, String path, String query, String contentType,
		RequestBody body) {

}

package io.atrium.upstream;

/**
 * One account's use of one WeChat API: what the limiter's buckets and the quota breakers are kept per.
 *
 * @param appId the account
 * @param api the API
 */
public record AccountApi(String appId, WeChatApi api) {

}

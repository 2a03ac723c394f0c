package io.atrium.upstream;

import java.time.Instant;

/**
 * WeChat said an account's quota of an API is spent: no call of it goes out until {@code openUntil}.
 *
 * @param errcode 45009 (daily quota, until the next midnight Asia/Shanghai) or 45011 (per minute)
 * @param openUntil when calls go out again
 */
public record OpenBreaker(int errcode, Instant openUntil) {

}

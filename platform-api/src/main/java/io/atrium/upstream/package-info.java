/**
 * How Atrium calls WeChat's authorizer APIs for an account, whoever asks (the content API, the gateway): the
 * registry of APIs ({@link io.atrium.upstream.WeChatApis}: path, permission sets, limits, whether a call may be
 * retried), the gate before a call ({@link io.atrium.upstream.AccountGate}), and the per-account state every
 * instance shares in Redis: the rate limiter, the quota breakers and the usage counts.
 */
package io.atrium.upstream;

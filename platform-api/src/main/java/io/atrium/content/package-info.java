/**
 * Content access: published articles ({@code freepublish/*}) and permanent materials ({@code material/*}) of
 * authorized accounts, served under {@code /api/v1}.
 * <p>
 * {@link io.atrium.content.ContentService} gates every request (tenant scope, account status, permission set,
 * parameters), then calls WeChat through the gateway's exchange ({@link io.atrium.gateway.WeChatGateway}), under
 * the policy every call has: a global per-account rate limit and the quota breaker (one Lua script in Redis, which
 * also reads the token), retries of transient faults, one token replay. The four APIs are registry entries
 * ({@link io.atrium.upstream.WeChatApis}), like any other. Answers keep WeChat's bytes and field names. Every attempt is counted per account, API
 * and WeChat day, and every upstream error kept with its rid, for {@link io.atrium.content.ContentOperations}, the
 * console's read model of limits, breakers, quota use and errors. Choices: {@code docs/decisions.md}.
 */
package io.atrium.content;

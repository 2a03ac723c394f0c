/**
 * Content access: published articles ({@code freepublish/*}) and permanent materials ({@code material/*}) of
 * authorized accounts, served under {@code /api/v1}.
 * <p>
 * {@link io.atrium.content.ContentService} gates every request (tenant scope, account status, permission set,
 * parameters) before one decorated Feign client calls WeChat: a global per-account rate limit (one Lua script in
 * Redis), a retry of transient faults, one token replay and a quota breaker (resilience4j-feign decorators).
 * Answers keep WeChat's field names and pass unknown fields through. Every attempt is counted per account, API
 * and WeChat day, and every upstream error kept with its rid, for {@link io.atrium.content.ContentOperations}, the
 * console's read model of limits, breakers, quota use and errors. Choices: {@code docs/decisions.md}.
 */
package io.atrium.content;

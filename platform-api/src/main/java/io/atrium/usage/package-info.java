/**
 * The platform's use of WeChat day by day, for the dashboard's 7- and 30-day charts: calls per API, upstream
 * errors per errcode, token refreshes per outcome and quota use (the busiest account's calls per API). Redis counts
 * the current day as calls happen ({@link io.atrium.upstream.UpstreamUsage},
 * {@link io.atrium.token.cache.RefreshOutcomes}) and keeps two days; {@link io.atrium.usage.UsageRollup} copies the
 * days Redis holds into PostgreSQL ({@code usage_day}), and {@link io.atrium.usage.UsageHistory} reads them back.
 * Everything is O(days x APIs), never O(accounts).
 */
package io.atrium.usage;

/**
 * What a run works on, set up the way an operator does it (console forms, the merchant's authorization page,
 * keys shown once): tenants, authorized accounts, users of every role, API keys of both kinds.
 */
package io.atrium.bench.fleet;

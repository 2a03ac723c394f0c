/**
 * API keys of the provider's other backends: created and revoked by operators, stored hashed, scoped to the
 * platform or to one tenant, and the bearer authentication of {@code /api/v1/**}.
 */
package io.atrium.apikey;

/**
 * Onboarding: authorization links bound to a tenant by signed state, the browser's return, and the exactly-once
 * redemption of authorization codes shared with the {@code authorized} push.
 */
package io.atrium.token.onboarding;

/**
 * The credential lifecycle: verify ticket, component and authorizer access tokens, refresh-token custody,
 * onboarding and reconcile. Built out in issue 3.
 */
package io.atrium.token;

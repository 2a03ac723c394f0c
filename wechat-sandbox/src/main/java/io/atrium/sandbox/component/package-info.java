/**
 * The third-party platform (component) side: verify tickets and their push schedule, component and authorizer
 * access tokens, pre-auth and authorization codes, authorizations and refresh tokens, and the cgi-bin/component
 * endpoints.
 */
package io.atrium.sandbox.component;

/**
 * The catalogue of WeChat API endpoints the sandbox serves, with the token each takes and the permission sets it
 * needs.
 */
package io.atrium.sandbox.api;

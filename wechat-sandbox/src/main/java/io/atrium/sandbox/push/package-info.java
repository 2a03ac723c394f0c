/**
 * Encrypted pushes to the platform's auth-event URL: message layout, sending, and the push log.
 */
package io.atrium.sandbox.push;

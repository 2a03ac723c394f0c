/**
 * Custody of merchants' long-lived credentials: encryption at rest with rotatable keys.
 */
package io.atrium.custody;

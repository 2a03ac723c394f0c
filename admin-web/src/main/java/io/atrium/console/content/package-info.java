/**
 * Merchant content as the console shows it: article HTML sanitized, its images through the image proxy.
 */
package io.atrium.console.content;

/**
 * The console's image proxy, {@code GET /img?u=...}: WeChat's image hosts refuse other sites' referers, so the
 * console shows their images through Atrium, which fetches only allow-listed hosts at checked public addresses.
 * Choices: {@code docs/decisions.md}, "Console image proxy".
 */
package io.atrium.console.image;

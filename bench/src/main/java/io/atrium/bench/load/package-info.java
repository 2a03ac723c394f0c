/**
 * Load as Atrium's users make it: API clients with platform and tenant keys, operators and merchants in the
 * console, the image proxy, and WeChat's pushes; every answer recorded per route and judged.
 */
package io.atrium.bench.load;

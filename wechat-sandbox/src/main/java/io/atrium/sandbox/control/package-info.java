/**
 * The sandbox's own JSON API under /sandbox/ for tests, benchmarks and the demo.
 */
package io.atrium.sandbox.control;

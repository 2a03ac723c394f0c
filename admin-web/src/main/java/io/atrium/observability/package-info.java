/**
 * What operators watch: the management port's security (health, info and Prometheus metrics, never on the public
 * port) and the request id every log line of a request carries (docs/metrics.md, docs/operations.md).
 */
package io.atrium.observability;

/**
 * Daily and per-minute quotas, the clear-quota budget, injected faults and call counters; ApiCalls runs every
 * WeChat API call through faults and counters.
 */
package io.atrium.sandbox.limits;

/**
 * What every request gets while PostgreSQL or Redis is out of reach: 503 with {@code Retry-After}, never a
 * misleading answer.
 */
package io.atrium.outage;

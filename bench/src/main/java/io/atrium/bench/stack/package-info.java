/**
 * The system under test, started as separate processes the way an operator runs it: a private PostgreSQL cluster
 * and Redis server (so that a fault run may restart them without touching the machine's own), the standalone
 * WeChat sandbox, and Atrium instances from the production jar sharing both stores.
 */
package io.atrium.bench.stack;

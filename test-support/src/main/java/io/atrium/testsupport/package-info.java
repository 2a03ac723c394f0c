/**
 * Test-only: PostgreSQL and Redis for every module's tests, one server of each per JVM, isolated
 * per test class by schema ({@link io.atrium.testsupport.TestPostgres}) and key prefix
 * ({@link io.atrium.testsupport.TestRedis}). Spring Boot tests take both through
 * {@link io.atrium.testsupport.TestServices}.
 * <p>
 * Which servers are used is decided by the environment: {@code ATRIUM_TEST_POSTGRES_URL} and
 * {@code ATRIUM_TEST_REDIS_URL} when set, else Testcontainers when Docker answers, else the local
 * services on their standard ports, else embedded binaries, so the tests run on a machine with
 * nothing but a JDK.
 */
package io.atrium.testsupport;

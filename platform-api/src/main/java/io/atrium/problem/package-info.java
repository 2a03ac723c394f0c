/**
 * Every answer of {@code /api/**} that is an error is an RFC 9457 problem, including the ones no controller makes.
 */
package io.atrium.problem;

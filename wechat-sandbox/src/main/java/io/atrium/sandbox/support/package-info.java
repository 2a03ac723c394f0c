/**
 * Small helpers shared by the sandbox's packages.
 */
package io.atrium.sandbox.support;

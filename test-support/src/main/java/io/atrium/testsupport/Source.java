package io.atrium.testsupport;

/**
 * Where a shared test server came from, in the order they are tried.
 */
enum Source {

	/** A URL given in the environment: the developer or CI chose the server. */
	ENVIRONMENT,

	/** A container started with Testcontainers because a Docker engine answers. */
	TESTCONTAINERS,

	/** The service already running on its standard local port. */
	LOCAL,

	/** A binary started in-process from a Maven artifact: works with nothing but a JDK. */
	EMBEDDED

}

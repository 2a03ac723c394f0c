package io.atrium.testsupport;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked once per JVM: the question costs a few hundred
 * milliseconds even when the answer is no.
 */
final class Docker {

	private Docker() {
	}

	static boolean available() {
		return Answer.AVAILABLE;
	}

	private static final class Answer {

		static final boolean AVAILABLE = ask();

		private static boolean ask() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				return false;
			}
		}

	}

}

package io.atrium.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked once per JVM: the question costs a few hundred
 * milliseconds even when the answer is no.
 * <p>
 * Testcontainers is asked only when something on this machine points at a Docker engine (see
 * {@link #hint}): without one it would log an {@code ERROR ... Could not find a valid Docker
 * environment} on every machine without Docker, where the answer is plainly no.
 */
final class Docker {

	private Docker() {
	}

	static boolean available() {
		return Answer.AVAILABLE;
	}

	/**
	 * Docker's answer: {@code false} without asking when nothing hints at an engine, else what
	 * Testcontainers says.
	 * @param hint what points at an engine, if anything
	 * @param testcontainers asks Testcontainers
	 */
	static boolean available(Optional<String> hint, BooleanSupplier testcontainers) {
		return hint.isPresent() && testcontainers.getAsBoolean();
	}

	/**
	 * The first thing on this machine that points at a Docker engine for Testcontainers, or empty
	 * when there is none. Mirrors where Testcontainers' own strategies look (environment and
	 * {@code ~/.testcontainers.properties}, the Unix sockets of Docker Engine, rootless Docker and
	 * Docker Desktop, {@code docker-machine}, a Docker context); on Windows (named pipes) it always
	 * defers to Testcontainers.
	 * @param environment the process environment
	 * @param systemProperties system properties
	 * @param exists whether a file exists
	 */
	static Optional<String> hint(Map<String, String> environment, Map<String, String> systemProperties,
			Predicate<Path> exists) {
		if (systemProperties.getOrDefault("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
			return Optional.of("Windows, where Docker is reached through a named pipe");
		}
		for (String name : environment.keySet()) {
			if (name.equals("DOCKER_HOST") || name.equals("DOCKER_CONTEXT") || name.startsWith("TESTCONTAINERS_")) {
				return Optional.of(name + " is set");
			}
		}
		for (String name : List.of("docker.host", "tc.host", "docker.client.strategy")) {
			if (systemProperties.containsKey(name)) {
				return Optional.of("system property " + name + " is set");
			}
		}
		for (Path candidate : candidates(environment, systemProperties)) {
			if (exists.test(candidate)) {
				return Optional.of(candidate + " exists");
			}
		}
		return Optional.empty();
	}

	private static List<Path> candidates(Map<String, String> environment, Map<String, String> systemProperties) {
		List<Path> candidates = new ArrayList<>();
		candidates.add(Path.of("/var/run/docker.sock"));
		String runtimeDirectory = environment.get("XDG_RUNTIME_DIR");
		if (runtimeDirectory != null && !runtimeDirectory.isBlank()) {
			candidates.add(Path.of(runtimeDirectory, "docker.sock"));
		}
		String home = systemProperties.get("user.home");
		if (home != null && !home.isBlank()) {
			// Testcontainers' own settings, which may name a host or a strategy.
			candidates.add(Path.of(home, ".testcontainers.properties"));
			// Rootless Docker and Docker Desktop.
			candidates.add(Path.of(home, ".docker", "run", "docker.sock"));
			candidates.add(Path.of(home, ".docker", "desktop", "docker.sock"));
			// docker-machine, and a Docker context chosen with `docker context use`.
			candidates.add(Path.of(home, ".docker", "machine", "machines"));
			candidates.add(Path.of(home, ".docker", "contexts", "meta"));
		}
		return candidates;
	}

	private static final class Answer {

		static final boolean AVAILABLE = ask();

		private static boolean ask() {
			Optional<String> hint = hint(System.getenv(), systemProperties(), Files::exists);
			return available(hint, Answer::askTestcontainers);
		}

		private static boolean askTestcontainers() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				return false;
			}
		}

		private static Map<String, String> systemProperties() {
			Map<String, String> properties = new HashMap<>();
			System.getProperties().forEach((name, value) -> properties.put(String.valueOf(name), String.valueOf(value)));
			return properties;
		}

	}

}

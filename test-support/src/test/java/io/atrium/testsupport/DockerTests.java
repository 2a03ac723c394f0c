package io.atrium.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DockerTests {

	private static final BooleanSupplier testcontainersMustNotBeAsked = () -> {
		throw new AssertionError("Testcontainers must not be asked when nothing points at a Docker engine");
	};

	@TempDir
	Path home;

	@Test
	void withoutAnyHintTestcontainersIsNotAskedAndTheAnswerIsNo() {
		Optional<String> hint = Docker.hint(Map.of("PATH", "/usr/bin", "XDG_RUNTIME_DIR", this.home.toString()),
				linux(), this::exists);
		assertThat(hint).isEmpty();
		assertThat(Docker.available(hint, testcontainersMustNotBeAsked)).isFalse();
	}

	@Test
	void environmentVariablesPointAtAnEngine() {
		assertThat(Docker.hint(Map.of("DOCKER_HOST", "tcp://docker.example:2375"), linux(), this::exists))
			.contains("DOCKER_HOST is set");
		assertThat(Docker.hint(Map.of("TESTCONTAINERS_HOST_OVERRIDE", "docker.example"), linux(), this::exists))
			.contains("TESTCONTAINERS_HOST_OVERRIDE is set");
	}

	@Test
	void socketsAndSettingsPointAtAnEngine() throws IOException {
		Path rootless = Files.createFile(this.home.resolve("docker.sock"));
		assertThat(Docker.hint(Map.of("XDG_RUNTIME_DIR", this.home.toString()), linux(), this::exists))
			.contains(rootless + " exists");
		Files.delete(rootless);
		Path desktop = Files.createDirectories(this.home.resolve(".docker/run")).resolve("docker.sock");
		Files.createFile(desktop);
		assertThat(Docker.hint(Map.of(), linux(), this::exists)).contains(desktop + " exists");
		Files.delete(desktop);
		Path settings = Files.createFile(this.home.resolve(".testcontainers.properties"));
		assertThat(Docker.hint(Map.of(), linux(), this::exists)).contains(settings + " exists");
	}

	@Test
	void theEngineSocketPointsAtAnEngine() {
		assertThat(Docker.hint(Map.of(), linux(), (path) -> path.equals(Path.of("/var/run/docker.sock"))))
			.contains("/var/run/docker.sock exists");
	}

	@Test
	void withAHintTestcontainersDecides() {
		assertThat(Docker.available(Optional.of("DOCKER_HOST is set"), () -> true)).isTrue();
		assertThat(Docker.available(Optional.of("DOCKER_HOST is set"), () -> false)).isFalse();
	}

	@Test
	void onWindowsTestcontainersIsAlwaysAsked() {
		assertThat(Docker.hint(Map.of(), Map.of("os.name", "Windows 11", "user.home", this.home.toString()),
				this::exists))
			.isPresent();
	}

	private Map<String, String> linux() {
		return Map.of("os.name", "Linux", "user.home", this.home.toString());
	}

	/**
	 * Only files under the temporary home count, so that this machine's own sockets do not.
	 */
	private boolean exists(Path path) {
		return path.startsWith(this.home) && Files.exists(path);
	}

}

package io.atrium.bench.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands (pg_ctl, initdb, redis-cli) to completion, failing loudly. */
final class Commands {

	private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

	private Commands() {
	}

	/** PostgreSQL refuses to run as root: as root, its tools run as the {@code postgres} user. */
	static List<String> asPostgresUser(String... command) {
		List<String> line = new ArrayList<>();
		if (ROOT) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.addAll(List.of(command));
		return line;
	}

	static boolean isRoot() {
		return ROOT;
	}

	static void run(Path log, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Exit " + process.exitValue() + ": " + command + " (see " + log + ")");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

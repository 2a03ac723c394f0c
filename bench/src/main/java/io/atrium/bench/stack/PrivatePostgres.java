package io.atrium.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the run's own (initdb into the run directory, its own port), so that "PostgreSQL
 * restarted under load" restarts this one and never the machine's.
 */
public final class PrivatePostgres {

	private final Path dataDir;

	private final Path log;

	private final String bin;

	private final int port;

	PrivatePostgres(Path runDir) {
		this.dataDir = runDir.resolve("pg");
		this.log = runDir.resolve("postgres.log");
		this.bin = findBin();
		this.port = Ports.free();
	}

	void start() throws IOException {
		Files.createDirectories(this.dataDir);
		if (Commands.isRoot()) {
			Commands.run(this.log, List.of("chown", "-R", "postgres", this.dataDir.getParent().toString()));
		}
		Commands.run(this.log, Commands.asPostgresUser(this.bin + "/initdb", "-D", this.dataDir.toString(), "-A",
				"trust", "-U", "postgres", "--no-sync"));
		pgCtl("start");
	}

	/** A fast restart (sessions are ended, as an operator's restart or a failover would). */
	public void restart() {
		pgCtl("restart", "-m", "fast");
	}

	void stop() {
		try {
			Commands.run(this.log,
					Commands.asPostgresUser(this.bin + "/pg_ctl", "-D", this.dataDir.toString(), "stop", "-m", "immediate"));
		}
		catch (RuntimeException ex) {
			// already stopped
		}
	}

	void delete() throws IOException {
		if (Files.exists(this.dataDir)) {
			try (Stream<Path> paths = Files.walk(this.dataDir)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	public int port() {
		return this.port;
	}

	private void pgCtl(String... action) {
		List<String> command = new ArrayList<>(List.of(this.bin + "/pg_ctl", "-D", this.dataDir.toString(), "-l",
				this.log.toString(), "-w", "-t", "60", "-o",
				"-p " + this.port + " -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200"));
		command.addAll(List.of(action));
		Commands.run(this.log, Commands.asPostgresUser(command.toArray(String[]::new)));
	}

	private static String findBin() {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.naturalOrder())
				.map(Path::toString)
				.orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries under /usr/lib/postgresql"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("No PostgreSQL server binaries under /usr/lib/postgresql", ex);
		}
	}

}

package io.atrium.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Redis server of the run's own, with an append-only file, so that a restart keeps the data (as a production
 * Redis with persistence does) and a flush ({@code FLUSHALL}) is a separate fault.
 */
public final class PrivateRedis {

	private final Path dir;

	private final Path log;

	private final int port;

	private Process process;

	PrivateRedis(Path runDir) {
		this.dir = runDir.resolve("redis");
		this.log = runDir.resolve("redis.log");
		this.port = Ports.free();
	}

	synchronized void start() throws IOException {
		Files.createDirectories(this.dir);
		this.process = new ProcessBuilder("redis-server", "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", this.dir.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		Readiness.await("Redis", Readiness.tcp(this.port), 30);
		// The AOF rewrite that Redis starts on its own must not race the fault run's restarts.
		redisCli("CONFIG", "SET", "auto-aof-rewrite-percentage", "0");
	}

	/** Stopped with SHUTDOWN (the AOF is flushed) and started again on the same port. */
	public synchronized void restart() throws IOException {
		stop();
		start();
	}

	/** Everything in Redis gone at once: tokens, locks, limits, sessions, schedule. */
	public void flushAll() {
		redisCli("FLUSHALL");
	}

	/** A field of {@code INFO} (e.g. {@code used_memory}, {@code db0}), as redis-cli prints it. */
	public String info(String field) {
		try {
			Process process = new ProcessBuilder("redis-cli", "-p", String.valueOf(this.port), "INFO")
				.redirectErrorStream(true)
				.start();
			String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
			for (String line : out.split("\r?\n")) {
				if (line.startsWith(field + ":")) {
					return line.substring(field.length() + 1).strip();
				}
			}
			return "";
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-cli INFO failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	synchronized void stop() {
		if (this.process != null && this.process.isAlive()) {
			try {
				redisCli("SHUTDOWN");
			}
			catch (RuntimeException ex) {
				// it went down while asked
			}
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	private void redisCli(String... command) {
		List<String> line = new java.util.ArrayList<>(List.of("redis-cli", "-p", String.valueOf(this.port)));
		line.addAll(List.of(command));
		Commands.run(this.log, line);
	}

}

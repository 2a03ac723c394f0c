package io.atrium.bench.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Atrium process from the production jar, started with the settings an operator would give it. */
public final class AtriumInstance {

	private final String name;

	private final Path jar;

	private final Path log;

	private final int port;

	private final int managementPort;

	private final Map<String, String> properties;

	private final Map<String, String> environment;

	private Process process;

	AtriumInstance(String name, Path jar, Path runDir, int port, int managementPort, Map<String, String> properties,
			Map<String, String> environment) {
		this.name = name;
		this.jar = jar;
		this.log = runDir.resolve(name + ".log");
		this.port = port;
		this.managementPort = managementPort;
		this.properties = properties;
		this.environment = environment;
	}

	synchronized void start() throws IOException {
		List<String> command = new ArrayList<>(List.of(Stack.java(), "-Xms256m", "-Xmx768m", "-jar",
				this.jar.toString(), "--server.port=" + this.port, "--management.server.port=" + this.managementPort));
		this.properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().putAll(this.environment);
		this.process = builder.start();
	}

	/** Waits until its readiness group answers 200 (start-up work done, PostgreSQL and Redis reachable). */
	public void awaitReady(int seconds) {
		Readiness.await(this.name, () -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + " (see " + this.log + ")");
			}
			return Readiness.answers200(baseUrl() + "/readyz");
		}, seconds);
	}

	/** {@code kill -9}: no shutdown hook, no lock released, no answer finished. */
	public synchronized void kill9() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	public synchronized void restart() throws IOException {
		start();
	}

	synchronized void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Where its actuator answers (health with details, metrics): the management port, two instances two ports. */
	public String managementUrl() {
		return "http://127.0.0.1:" + this.managementPort;
	}

	public Path log() {
		return this.log;
	}

}

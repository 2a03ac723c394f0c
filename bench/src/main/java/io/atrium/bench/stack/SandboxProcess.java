package io.atrium.bench.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The standalone sandbox jar, as WeChat: pushes to the first instance, messages to the second. */
public final class SandboxProcess {

	private final Path jar;

	private final Path log;

	private final int port;

	private Process process;

	SandboxProcess(Path jar, Path runDir) {
		this.jar = jar;
		this.log = runDir.resolve("sandbox.log");
		this.port = Ports.free();
	}

	void start(String callbackUrl, String messageUrl, String latency, int tokenLifetimeSeconds) throws IOException {
		this.process = new ProcessBuilder(List.of(Stack.java(), "-Xms128m", "-Xmx3g", "-jar", this.jar.toString(),
				"--port", String.valueOf(this.port), "--callback-url", callbackUrl, "--message-url", messageUrl,
				"--latency-ms", latency, "--token-lifetime-seconds", String.valueOf(tokenLifetimeSeconds),
				"--no-demo-accounts"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		Readiness.await("sandbox", () -> Readiness.answers200(baseUrl() + "/sandbox/health"), 60);
	}

	void stop() {
		if (this.process != null) {
			this.process.destroy();
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

}

package io.atrium.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two Atrium instances sharing a private PostgreSQL and Redis, and one sandbox as WeChat, started in that order
 * and stopped together (also when the run is interrupted).
 */
public final class Stack implements AutoCloseable {

	/**
	 * The production jar every run starts (module app), relative to the repository: the one place that names it.
	 */
	public static final String ATRIUM_JAR = "app/target/atrium.jar";

	/** The sandbox's default component: Atrium is configured with the same values. */
	public static final String COMPONENT_APPID = "wx3c2a8f5e1b7d9a40";

	public static final String ADMIN = "soak-admin";

	/** Strong enough for the console's password rules; public, like everything about a benchmark. */
	public static final String ADMIN_PASSWORD = "Soak-run admin: 7 brisk otters!";

	private final PrivatePostgres postgres;

	private final PrivateRedis redis;

	private final SandboxProcess sandbox;

	private final List<AtriumInstance> instances;

	private final Path runDir;

	private Stack(Path runDir, PrivatePostgres postgres, PrivateRedis redis, SandboxProcess sandbox,
			List<AtriumInstance> instances) {
		this.runDir = runDir;
		this.postgres = postgres;
		this.redis = redis;
		this.sandbox = sandbox;
		this.instances = instances;
	}

	/** libfaketime (Debian's faketime package), for a clock that jumps under a running instance. */

	static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

	/**
	 * Starts everything. {@code extra} adds Atrium settings (e.g. limits) for both instances. With a
	 * {@code clockOffsetFile}, the first instance's wall clock is the real one plus the offset in that file
	 * (libfaketime syntax, {@code +0}, {@code +1h}, {@code +59m}), read again every second: its clock can jump
	 * forward and back while it runs, as a host's clock does when NTP corrects it. Its monotonic clock is left alone.
	 */
	public static Stack start(Path repo, Path runDir, String latency, int tokenLifetimeSeconds,
			Map<String, String> extra, Path clockOffsetFile) throws IOException {
		return start(repo, runDir, latency, tokenLifetimeSeconds, extra, clockOffsetFile, false);
	}

	/**
	 * With {@code followSandboxClock}, both instances' clocks follow the sandbox's ({@code atrium.clock.follow-sandbox}),
	 * so that moving the sandbox's clock moves Atrium's time too: a run can pass through several token lifetimes.
	 */
	public static Stack start(Path repo, Path runDir, String latency, int tokenLifetimeSeconds,
			Map<String, String> extra, Path clockOffsetFile, boolean followSandboxClock) throws IOException {
		Files.createDirectories(runDir);
		// Copies: a build during the run must not pull classes from under the running instances.
		Path atriumJar = copy(repo.resolve(ATRIUM_JAR), runDir);
		Path sandboxJar = copy(repo.resolve("wechat-sandbox/target/wechat-sandbox.jar"), runDir);
		PrivatePostgres postgres = new PrivatePostgres(runDir);
		PrivateRedis redis = new PrivateRedis(runDir);
		SandboxProcess sandbox = new SandboxProcess(sandboxJar, runDir);
		int portA = Ports.free();
		int portB = Ports.free();
		Map<String, String> properties = properties(postgres, redis, sandbox, extra);
		if (followSandboxClock) {
			properties.put("atrium.clock.follow-sandbox", sandbox.baseUrl());
		}
		Map<String, String> clock = Map.of();
		if (clockOffsetFile != null) {
			if (!Files.isReadable(LIBFAKETIME)) {
				throw new IllegalStateException(LIBFAKETIME + " is missing: apt-get install faketime");
			}
			Files.writeString(clockOffsetFile, "+0\n");
			clock = Map.of("LD_PRELOAD", LIBFAKETIME.toString(), "FAKETIME_TIMESTAMP_FILE", clockOffsetFile.toString(),
					"FAKETIME_CACHE_DURATION", "1", "FAKETIME_DONT_FAKE_MONOTONIC", "1",
					// Without it, timed waits (pthread_cond_timedwait) return at once and every idle JVM thread spins.
					"FAKETIME_FORCE_MONOTONIC_FIX", "0");
		}
		AtriumInstance a = new AtriumInstance("atrium-a", atriumJar, runDir, portA, Ports.free(),
				withPublicUrl(properties, portA), clock);
		AtriumInstance b = new AtriumInstance("atrium-b", atriumJar, runDir, portB, Ports.free(),
				withPublicUrl(properties, portB), Map.of());
		Stack stack = new Stack(runDir, postgres, redis, sandbox, List.of(a, b));
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
		postgres.start();
		redis.start();
		sandbox.start("http://127.0.0.1:" + portA + "/wechat/component/events",
				"http://127.0.0.1:" + portB + "/wechat/accounts/$APPID$/messages", latency, tokenLifetimeSeconds);
		// One after the other: the first applies the migrations.
		a.start();
		a.awaitReady(300);
		b.start();
		b.awaitReady(300);
		return stack;
	}

	private static Map<String, String> properties(PrivatePostgres postgres, PrivateRedis redis, SandboxProcess sandbox,
			Map<String, String> extra) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", postgres.jdbcUrl());
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.data.redis.url", redis.url());
		properties.put("atrium.env", "soak");
		properties.put("atrium.wechat.api-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.mp-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.open-base-url", sandbox.baseUrl());
		properties.put("atrium.wechat.component-app-id", COMPONENT_APPID);
		properties.put("atrium.wechat.component-secret", "5d1f0e9c8b7a6f5e4d3c2b1a0f9e8d7c");
		properties.put("atrium.wechat.component-token", "atriumsandboxtoken");
		properties.put("atrium.wechat.component-aes-key", "Q2FuZGJveEF0cml1bUVuY29kaW5nQUVTS2V5MDEyMzQ");
		properties.put("atrium.custody.keys.soak", "c29hay1ydW4tb25seS1rZXktMzItYnl0ZXMtbG9uZyE=");
		properties.put("atrium.custody.active-key", "soak");
		properties.put("atrium.onboarding.state-secret", "soak-run-only-onboarding-state-secret-0123");
		properties.put("atrium.console.initial-admin.username", ADMIN);
		properties.put("atrium.console.initial-admin.password", ADMIN_PASSWORD);
		// The sandbox serves content images over plain http on loopback: its image paths only.
		properties.put("atrium.console.image-proxy.plain-http-hosts",
				"127.0.0.1:" + sandbox.port() + "/mmbiz_png/,127.0.0.1:" + sandbox.port() + "/mmbiz_jpg/");
		properties.put("atrium.console.image-proxy.allow-loopback", "true");
		// The run's webhook receiver listens on loopback, over plain http.
		properties.put("atrium.webhooks.allow-plain-http", "true");
		properties.put("atrium.webhooks.allow-loopback", "true");
		// Pool and thread figures for the run's checks, read from each instance's management port.
		properties.put("management.endpoints.web.exposure.include", "health,info,metrics,prometheus");
		properties.put("server.tomcat.mbeanregistry.enabled", "true");
		properties.put("logging.level.root", "warn");
		properties.put("logging.level.io.atrium", "info");
		properties.putAll(extra);
		return properties;
	}

	private static Map<String, String> withPublicUrl(Map<String, String> properties, int port) {
		Map<String, String> own = new LinkedHashMap<>(properties);
		own.putIfAbsent("atrium.public-base-url", "http://127.0.0.1:" + port);
		return own;
	}

	private static Path copy(Path jar, Path runDir) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: ./mvnw -q package -DskipTests first");
		}
		return Files.copy(jar, runDir.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public List<AtriumInstance> instances() {
		return this.instances;
	}

	public SandboxProcess sandbox() {
		return this.sandbox;
	}

	public PrivatePostgres postgres() {
		return this.postgres;
	}

	public PrivateRedis redis() {
		return this.redis;
	}

	public Path runDir() {
		return this.runDir;
	}

	@Override
	public synchronized void close() {
		this.instances.forEach(AtriumInstance::stop);
		this.sandbox.stop();
		this.redis.stop();
		this.postgres.stop();
	}

}

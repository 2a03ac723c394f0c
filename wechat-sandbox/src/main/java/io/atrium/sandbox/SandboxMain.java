package io.atrium.sandbox;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.atrium.sandbox.limits.Latency;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the sandbox on its own: {@code java -jar wechat-sandbox.jar --port 9090 ...}; {@code --help} lists the
 * options. Secrets may come from environment variables instead of the command line (which other users of the
 * machine can read).
 */
@Command(name = "wechat-sandbox", mixinStandardHelpOptions = true, version = "wechat-sandbox 0.1.0",
		sortOptions = false, usageHelpWidth = 110,
		description = { "An offline, stateful stand-in for api.weixin.qq.com and for WeChat's pushes to a "
				+ "third-party platform (component). Serves the WeChat API, the authorization pages and the control "
				+ "API under /sandbox/ on one port.", "" },
		footer = { "", "Environment variables (used when the option is not given): SANDBOX_COMPONENT_APPID, "
				+ "SANDBOX_COMPONENT_SECRET, SANDBOX_COMPONENT_TOKEN, SANDBOX_COMPONENT_AES_KEY, SANDBOX_CALLBACK_URL, "
				+ "SANDBOX_MESSAGE_URL.",
				"Without --callback-url nothing is pushed; tickets then come from POST /sandbox/tickets/push.",
				"Without --message-url no user messages or events are sent, and POST /sandbox/release-test answers "
						+ "409." })
public final class SandboxMain implements Callable<Integer> {

	static final int DEFAULT_PORT = 9090;

	@Option(names = "--port", paramLabel = "PORT", description = "TCP port; 0 picks a free one (default: 9090)")
	Integer port;

	@Option(names = "--bind", paramLabel = "ADDRESS", description = "address to bind (default: 127.0.0.1)")
	String bindAddress;

	@Option(names = "--public-base-url", paramLabel = "URL",
			description = "base URL that image URLs point at (default: http://ADDRESS:PORT)")
	String publicBaseUrl;

	@Option(names = "--component-appid", paramLabel = "APPID",
			description = "the third-party platform's appid (default: wx3c2a8f5e1b7d9a40)")
	String componentAppId;

	@Option(names = "--component-secret", paramLabel = "SECRET",
			description = "the platform's appsecret (default: the demo value in the README)")
	String componentSecret;

	@Option(names = "--component-token", paramLabel = "TOKEN",
			description = "the message-check Token that pushes are signed with (default: atriumsandboxtoken)")
	String componentToken;

	@Option(names = "--component-aes-key", paramLabel = "KEY",
			description = "the 43-character EncodingAESKey that pushes are encrypted with (default: the demo value)")
	String componentAesKey;

	@Option(names = "--callback-url", paramLabel = "URL",
			description = "the auth-event URL (授权事件接收URL) to push tickets and authorization events to")
	String callbackUrl;

	@Option(names = "--message-url", paramLabel = "URL",
			description = "the message URL (消息与事件接收URL) users' messages and events go to; $APPID$ stands for the "
					+ "account, e.g. http://127.0.0.1:8080/wechat/accounts/$APPID$/messages")
	String messageUrl;

	@Option(names = "--ticket-interval-seconds", paramLabel = "SECONDS",
			description = "sandbox seconds between ticket pushes; 0 = only at start and on demand (default: 600)")
	Long ticketIntervalSeconds;

	@Option(names = "--token-lifetime-seconds", paramLabel = "SECONDS",
			description = "lifetime of component and authorizer access tokens (default: 7200)")
	Long tokenLifetimeSeconds;

	@Option(names = "--pre-auth-code-lifetime-seconds", paramLabel = "SECONDS",
			description = "lifetime of pre-auth codes (default: 1800)")
	Long preAuthCodeLifetimeSeconds;

	@Option(names = "--auth-code-lifetime-seconds", paramLabel = "SECONDS",
			description = "lifetime of authorization codes (default: 600)")
	Long authCodeLifetimeSeconds;

	@Option(names = "--rotate-refresh-tokens",
			description = "api_authorizer_token answers a new refresh token each time (the old one then fails 61023)")
	boolean rotateRefreshTokens;

	@Option(names = "--no-demo-accounts", description = "start without the three demo merchant accounts")
	boolean noDemoAccounts;

	@Option(names = "--latency-ms", paramLabel = "MIN[-MAX]",
			description = "every WeChat API call answers after MIN to MAX ms, as a distant upstream does (default: 0)")
	String latencyMillis;

	@Option(names = "--threads", paramLabel = "N",
			description = "threads serving WeChat API calls; the control API has its own (default: 64)")
	Integer threads;

	private final Map<String, String> environment;

	private final boolean block;

	private final PrintWriter out;

	SandboxMain(Map<String, String> environment, boolean block, PrintWriter out) {
		this.environment = environment;
		this.block = block;
		this.out = out;
	}

	public static void main(String[] args) {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "io/atrium/sandbox/standalone-logback.xml");
		}
		PrintWriter out = new PrintWriter(System.out, true);
		int exitCode = execute(System.getenv(), out, new PrintWriter(System.err, true), true, args);
		if (exitCode != 0) {
			System.exit(exitCode);
		}
	}

	/**
	 * Parses and runs; with {@code block} it serves until the JVM is stopped, without it stops right after start
	 * (for tests). Returns the exit code: 0, or 2 for bad arguments.
	 */
	static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, boolean block,
			String... args) {
		CommandLine commandLine = new CommandLine(new SandboxMain(environment, block, out));
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			if (ex instanceof IllegalArgumentException) {
				line.getErr().println("Invalid settings: " + ex.getMessage());
				return 2;
			}
			throw ex;
		});
		return commandLine.execute(args);
	}

	/** The settings the arguments and environment stand for; throws on arguments that do not parse. */
	static SandboxSettings parse(Map<String, String> environment, String... args) {
		SandboxMain main = new SandboxMain(environment, false, new PrintWriter(System.out, true));
		new CommandLine(main).parseArgs(args);
		return main.settings();
	}

	@Override
	public Integer call() throws InterruptedException {
		SandboxSettings settings = settings();
		long[] latency = latency();
		WeChatSandbox sandbox = WeChatSandbox.start(settings);
		sandbox.latency(Duration.ofMillis(latency[0]), Duration.ofMillis(latency[1]));
		this.out.println("WeChat sandbox listening on " + sandbox.baseUrl() + " (component "
				+ settings.componentAppId() + ", control API " + sandbox.baseUrl() + "/sandbox/)");
		if (!this.block) {
			sandbox.close();
			return 0;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sandbox.close();
			stopped.countDown();
		}, "sandbox-shutdown"));
		stopped.await();
		return 0;
	}

	/** {@code --latency-ms} as {min, max}; one number is both. */
	long[] latency() {
		if (this.latencyMillis == null) {
			return new long[] { 0, 0 };
		}
		String[] parts = this.latencyMillis.split("-", 2);
		try {
			long min = Long.parseLong(parts[0].trim());
			long max = (parts.length > 1) ? Long.parseLong(parts[1].trim()) : min;
			if (min < 0 || max < min || max > Latency.MAX_MILLIS) {
				throw new IllegalArgumentException("--latency-ms needs 0 <= MIN <= MAX <= " + Latency.MAX_MILLIS);
			}
			return new long[] { min, max };
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--latency-ms takes MIN or MIN-MAX in milliseconds, such as 20-60");
		}
	}

	SandboxSettings settings() {
		SandboxSettings settings = SandboxSettings.defaults()
			.withPort((this.port != null) ? this.port : DEFAULT_PORT)
			.withSeedDemoAccounts(!this.noDemoAccounts)
			.withRotateRefreshTokens(this.rotateRefreshTokens);
		if (this.bindAddress != null) {
			settings = settings.withBindAddress(this.bindAddress);
		}
		if (this.publicBaseUrl != null) {
			settings = settings.withPublicBaseUrl(this.publicBaseUrl);
		}
		String appId = fromEnvironment(this.componentAppId, "SANDBOX_COMPONENT_APPID");
		if (appId != null) {
			settings = settings.withComponentAppId(appId);
		}
		String secret = fromEnvironment(this.componentSecret, "SANDBOX_COMPONENT_SECRET");
		if (secret != null) {
			settings = settings.withComponentSecret(secret);
		}
		String token = fromEnvironment(this.componentToken, "SANDBOX_COMPONENT_TOKEN");
		if (token != null) {
			settings = settings.withComponentToken(token);
		}
		String aesKey = fromEnvironment(this.componentAesKey, "SANDBOX_COMPONENT_AES_KEY");
		if (aesKey != null) {
			settings = settings.withComponentAesKey(aesKey);
		}
		String callback = fromEnvironment(this.callbackUrl, "SANDBOX_CALLBACK_URL");
		if (callback != null) {
			settings = settings.withCallbackUrl(callback);
		}
		String messages = fromEnvironment(this.messageUrl, "SANDBOX_MESSAGE_URL");
		if (messages != null) {
			settings = settings.withMessageUrl(messages);
		}
		if (this.ticketIntervalSeconds != null) {
			settings = settings.withTicketPushInterval(Duration.ofSeconds(this.ticketIntervalSeconds));
		}
		if (this.tokenLifetimeSeconds != null) {
			settings = settings.withTokenLifetime(Duration.ofSeconds(this.tokenLifetimeSeconds));
		}
		if (this.preAuthCodeLifetimeSeconds != null) {
			settings = settings.withPreAuthCodeLifetime(Duration.ofSeconds(this.preAuthCodeLifetimeSeconds));
		}
		if (this.authCodeLifetimeSeconds != null) {
			settings = settings.withAuthCodeLifetime(Duration.ofSeconds(this.authCodeLifetimeSeconds));
		}
		if (this.threads != null) {
			settings = settings.withHttpThreads(this.threads);
		}
		return settings;
	}

	private String fromEnvironment(String option, String variable) {
		if (option != null) {
			return option;
		}
		String value = this.environment.get(variable);
		return (value == null || value.isBlank()) ? null : value;
	}

}

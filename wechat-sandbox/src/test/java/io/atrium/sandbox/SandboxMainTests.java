package io.atrium.sandbox;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SandboxMainTests {

	@Test
	void helpListsEveryOption() {
		StringWriter out = new StringWriter();
		int exitCode = SandboxMain.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter()),
				false, "--help");
		assertThat(exitCode).isZero();
		assertThat(out.toString()).startsWith("Usage: wechat-sandbox")
			.contains("--port", "--bind", "--component-appid", "--component-secret", "--component-token",
					"--component-aes-key", "--callback-url", "--ticket-interval-seconds", "--token-lifetime-seconds",
					"--no-demo-accounts", "--rotate-refresh-tokens", "--latency-ms", "--message-url",
					"SANDBOX_COMPONENT_SECRET", "SANDBOX_MESSAGE_URL");
	}

	@Test
	void parsesEveryOption() {
		SandboxSettings settings = SandboxMain.parse(Map.of(), "--port", "9090", "--bind", "0.0.0.0",
				"--component-appid", "wx1111111111111111", "--component-secret", "s3cret", "--component-token", "tok",
				"--component-aes-key", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "--callback-url",
				"http://127.0.0.1:8080/wechat/component/events", "--ticket-interval-seconds", "60",
				"--token-lifetime-seconds", "300", "--pre-auth-code-lifetime-seconds", "600",
				"--auth-code-lifetime-seconds", "120", "--no-demo-accounts", "--rotate-refresh-tokens", "--threads",
				"8", "--public-base-url", "http://sandbox.test:9090/", "--message-url",
				"http://127.0.0.1:8080/wechat/accounts/$APPID$/messages");
		assertThat(settings.port()).isEqualTo(9090);
		assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
		assertThat(settings.componentAppId()).isEqualTo("wx1111111111111111");
		assertThat(settings.componentSecret()).isEqualTo("s3cret");
		assertThat(settings.componentToken()).isEqualTo("tok");
		assertThat(settings.componentAesKey()).isEqualTo("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
		assertThat(settings.callbackUrl()).isEqualTo("http://127.0.0.1:8080/wechat/component/events");
		assertThat(settings.ticketPushInterval()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofSeconds(300));
		assertThat(settings.preAuthCodeLifetime()).isEqualTo(Duration.ofSeconds(600));
		assertThat(settings.authCodeLifetime()).isEqualTo(Duration.ofSeconds(120));
		assertThat(settings.seedDemoAccounts()).isFalse();
		assertThat(settings.rotateRefreshTokens()).isTrue();
		assertThat(settings.httpThreads()).isEqualTo(8);
		assertThat(settings.publicBaseUrl()).isEqualTo("http://sandbox.test:9090");
		assertThat(settings.messageUrl()).isEqualTo("http://127.0.0.1:8080/wechat/accounts/$APPID$/messages");
	}

	@Test
	void defaultsToPort9090AndTheDemoComponent() {
		SandboxSettings settings = SandboxMain.parse(Map.of());
		assertThat(settings.port()).isEqualTo(9090);
		assertThat(settings.componentAppId()).isEqualTo(SandboxSettings.defaults().componentAppId());
		assertThat(settings.callbackUrl()).isNull();
		assertThat(settings.messageUrl()).isNull();
		assertThat(settings.seedDemoAccounts()).isTrue();
	}

	@Test
	void secretsMayComeFromTheEnvironmentButOptionsWin() {
		Map<String, String> environment = Map.of("SANDBOX_COMPONENT_SECRET", "from-env", "SANDBOX_COMPONENT_TOKEN",
				"env-token", "SANDBOX_COMPONENT_AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
				"SANDBOX_COMPONENT_APPID", "wx2222222222222222", "SANDBOX_CALLBACK_URL", "http://127.0.0.1:1/cb",
				"SANDBOX_MESSAGE_URL", "http://127.0.0.1:1/$APPID$/m");
		SandboxSettings fromEnvironment = SandboxMain.parse(environment);
		assertThat(fromEnvironment.componentSecret()).isEqualTo("from-env");
		assertThat(fromEnvironment.componentToken()).isEqualTo("env-token");
		assertThat(fromEnvironment.componentAppId()).isEqualTo("wx2222222222222222");
		assertThat(fromEnvironment.callbackUrl()).isEqualTo("http://127.0.0.1:1/cb");
		assertThat(fromEnvironment.messageUrl()).isEqualTo("http://127.0.0.1:1/$APPID$/m");
		assertThat(SandboxMain.parse(environment, "--component-secret", "from-option").componentSecret())
			.isEqualTo("from-option");
	}

	@Test
	void badArgumentsExitWith2() {
		StringWriter err = new StringWriter();
		int unknown = SandboxMain.execute(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err, true),
				false, "--no-such-option");
		assertThat(unknown).isEqualTo(2);
		assertThat(err.toString()).contains("--no-such-option");
		StringWriter invalid = new StringWriter();
		int badKey = SandboxMain.execute(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(invalid, true),
				false, "--port", "0", "--component-aes-key", "short");
		assertThat(badKey).isEqualTo(2);
		assertThat(invalid.toString()).contains("componentAesKey must be 43 characters");
		assertThatExceptionOfType(CommandLine.ParameterException.class)
			.isThrownBy(() -> SandboxMain.parse(Map.of(), "--port", "many"));
	}

	@Test
	void latencyIsOneNumberOrARangeAndNothingElse() {
		assertThat(main("--latency-ms", "20-60").latency()).containsExactly(20, 60);
		assertThat(main("--latency-ms", "30").latency()).containsExactly(30, 30);
		assertThat(main().latency()).containsExactly(0, 0);
		for (String bad : new String[] { "60-20", "-5", "fast", "0-60001" }) {
			StringWriter err = new StringWriter();
			assertThat(SandboxMain.execute(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err, true),
					false, "--port", "0", "--latency-ms", bad))
				.as("--latency-ms %s", bad)
				.isEqualTo(2);
			assertThat(err.toString()).contains("--latency-ms");
		}
	}

	private static SandboxMain main(String... args) {
		SandboxMain main = new SandboxMain(Map.of(), false, new PrintWriter(new StringWriter()));
		new CommandLine(main).parseArgs(args);
		return main;
	}

	@Test
	void startsAndStops() {
		StringWriter out = new StringWriter();
		int exitCode = SandboxMain.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter()),
				false, "--port", "0", "--no-demo-accounts");
		assertThat(exitCode).isZero();
		assertThat(out.toString()).startsWith("WeChat sandbox listening on http://127.0.0.1:");
	}

}

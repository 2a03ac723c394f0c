package io.atrium.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One sandbox (default settings, no callback) per test class, reset over HTTP before each test. */
public abstract class AbstractSandboxTests {

	protected static WeChatSandbox sandbox;

	protected static SandboxClient client;

	@BeforeAll
	protected static void startSandbox() {
		sandbox = WeChatSandbox.start(SandboxSettings.defaults());
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	protected static void stopSandbox() {
		sandbox.close();
	}

	@BeforeEach
	protected void resetSandbox() {
		client.reset();
	}

}

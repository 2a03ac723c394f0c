package io.atrium.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One sandbox (default settings, no callback) per test class, reset over HTTP before each test. */
abstract class AbstractSandboxTests {

	static WeChatSandbox sandbox;

	static SandboxClient client;

	@BeforeAll
	static void startSandbox() {
		sandbox = WeChatSandbox.start(SandboxSettings.defaults());
		client = new SandboxClient(sandbox.baseUrl());
	}

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	@BeforeEach
	void resetSandbox() {
		client.reset();
	}

}

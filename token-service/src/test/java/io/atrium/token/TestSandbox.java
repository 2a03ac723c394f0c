package io.atrium.token;

import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;
import io.atrium.testsupport.Ports;
import io.atrium.testsupport.TestClock;

/**
 * One WeChat sandbox per test JVM, pushing (and delivering users' messages) to the port the first Atrium instance
 * listens on. It runs on the JVM's
 * {@link TestClock} (which tests and Atrium then share) and pushes a verify ticket every 10 minutes of its time, as
 * WeChat does: a test that moves the clock past a push time gets the ticket that would have arrived meanwhile.
 */
public final class TestSandbox {

	/** Where the tests' first Atrium instance listens; chosen before anything starts so the sandbox can push to it. */
	public static final int ATRIUM_PORT = Ports.free();

	private static WeChatSandbox sandbox;

	private TestSandbox() {
	}

	public static synchronized WeChatSandbox get() {
		if (sandbox == null) {
			sandbox = WeChatSandbox.start(SandboxSettings.defaults()
				.withPort(0)
				.withSeedDemoAccounts(false)
				.withBaseClock(TestClock.base())
				.withCallbackUrl("http://127.0.0.1:" + ATRIUM_PORT + "/wechat/component/events")
				.withMessageUrl("http://127.0.0.1:" + ATRIUM_PORT + "/wechat/accounts/$APPID$/messages"));
			Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
		}
		return sandbox;
	}

}

package io.atrium.demo;

import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The WeChat sandbox, run in-process for the demo. It starts after the web server, because its
 * pushes go to Atrium's callback URL (and users' messages to its message URL, so that
 * {@code POST /sandbox/release-test} runs WeChat's 全网发布 test against the demo) and the port
 * those URLs need is only known then (tests run on a random port); it stops before the web
 * server, so that no push meets a closing server.
 */
class DemoSandbox implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DemoSandbox.class);

	static final String CALLBACK_PATH = "/wechat/component/events";

	/** The message URL as a platform registers it with WeChat: the sandbox puts each account's appid in. */
	static final String MESSAGE_PATH = "/wechat/accounts/$APPID$/messages";

	private final SandboxSettings settings;

	private final String contextPath;

	private final ApplicationContext context;

	private volatile WeChatSandbox sandbox;

	DemoSandbox(SandboxSettings settings, String contextPath, ApplicationContext context) {
		this.settings = settings;
		this.contextPath = contextPath;
		this.context = context;
	}

	@Override
	public void start() {
		SandboxSettings settings = this.settings;
		int serverPort = serverPort();
		if (serverPort > 0) {
			String base = "http://127.0.0.1:" + serverPort + this.contextPath;
			settings = settings.withCallbackUrl(base + CALLBACK_PATH).withMessageUrl(base + MESSAGE_PATH);
		}
		this.sandbox = WeChatSandbox.start(settings);
		logger.debug("Started the WeChat sandbox with {}", settings);
	}

	private int serverPort() {
		if (this.context instanceof WebServerApplicationContext webContext) {
			WebServer webServer = webContext.getWebServer();
			return (webServer != null) ? webServer.getPort() : -1;
		}
		return -1;
	}

	@Override
	public void stop() {
		WeChatSandbox sandbox = this.sandbox;
		if (sandbox != null) {
			sandbox.close();
			this.sandbox = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sandbox != null;
	}

	/**
	 * After the web server's start-stop lifecycle (and its graceful shutdown), which run at lower
	 * phases.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	/**
	 * Has the sandbox issue (and push, where a callback listens) a fresh verify ticket.
	 * @return the ticket
	 */
	String issueTicket() {
		WeChatSandbox sandbox = this.sandbox;
		if (sandbox == null) {
			throw new IllegalStateException("The WeChat sandbox is not running");
		}
		return sandbox.pushTicket();
	}

	/**
	 * The running sandbox's base URL.
	 * @return the base URL, such as {@code http://127.0.0.1:9090}
	 * @throws IllegalStateException if the sandbox is not running
	 */
	String baseUrl() {
		WeChatSandbox sandbox = this.sandbox;
		if (sandbox == null) {
			throw new IllegalStateException("The WeChat sandbox is not running");
		}
		return sandbox.baseUrl();
	}

}

package io.atrium.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.sandbox.account.AccountImages;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.authpage.AuthorizationPages;
import io.atrium.sandbox.business.AccountContents;
import io.atrium.sandbox.business.BusinessEndpoints;
import io.atrium.sandbox.business.ContentFileEndpoint;
import io.atrium.sandbox.business.CustomMessageEndpoint;
import io.atrium.sandbox.business.MediaEndpoints;
import io.atrium.sandbox.business.MenuEndpoints;
import io.atrium.sandbox.business.Menus;
import io.atrium.sandbox.business.TemporaryMedia;
import io.atrium.sandbox.component.AuthorizationFlow;
import io.atrium.sandbox.component.ComponentEndpoints;
import io.atrium.sandbox.component.ComponentState;
import io.atrium.sandbox.component.Credentials;
import io.atrium.sandbox.component.QuotaEndpoints;
import io.atrium.sandbox.component.RidEndpoint;
import io.atrium.sandbox.component.TicketSchedule;
import io.atrium.sandbox.content.ImageRenderer;
import io.atrium.sandbox.control.ControlApi;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.http.WeChatReplies;
import io.atrium.sandbox.limits.ApiCalls;
import io.atrium.sandbox.limits.ClearQuotaBudget;
import io.atrium.sandbox.limits.Counters;
import io.atrium.sandbox.limits.Faults;
import io.atrium.sandbox.limits.Latency;
import io.atrium.sandbox.limits.Quotas;
import io.atrium.sandbox.limits.RidLog;
import io.atrium.sandbox.message.Conversations;
import io.atrium.sandbox.message.CustomMessages;
import io.atrium.sandbox.message.MessageSender;
import io.atrium.sandbox.message.UserMessages;
import io.atrium.sandbox.push.PushLog;
import io.atrium.sandbox.push.PushMessages;
import io.atrium.sandbox.push.PushSender;
import io.atrium.sandbox.release.ReleaseTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offline, stateful stand-in for {@code api.weixin.qq.com} and for WeChat's pushes to a third-party platform,
 * served over HTTP by the JDK's server (no Spring, starts in milliseconds, embeddable anywhere). Everything it can do
 * is reachable over HTTP, the control API under {@code /sandbox/} included; the Java methods here are shortcuts for
 * in-process tests.
 *
 * <pre>
 * try (WeChatSandbox sandbox = WeChatSandbox.start(SandboxSettings.defaults().withCallbackUrl(url))) {
 *     String api = sandbox.baseUrl(); // use instead of https://api.weixin.qq.com
 * }
 * </pre>
 */
public final class WeChatSandbox implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WeChatSandbox.class);

	/** Threads that read request headers and hand exchanges on; they never run a route. */
	private static final int ACCEPT_THREADS = 4;

	/** Threads serving the control API (whose calls may wait for a push up to 10 s). */
	private static final int CONTROL_THREADS = 8;

	private final SandboxSettings settings;

	private final SandboxClock clock;

	private final HttpServer server;

	private final ExecutorService acceptThreads;

	private final ExecutorService httpThreads;

	private final ExecutorService controlThreads;

	private final ScheduledExecutorService ticker;

	private final String baseUrl;

	private final MerchantAccounts accounts;

	private final ComponentState state;

	private final TicketSchedule ticketSchedule;

	private final AuthorizationFlow authorizationFlow;

	private final Quotas quotas;

	private final ClearQuotaBudget clearQuotaBudget;

	private final Faults faults;

	private final Counters counters;

	private final PushLog pushLog;

	private final Latency latency;

	private final PushSender pushSender;

	private final AccountContents contents;

	private final Conversations conversations;

	private final CustomMessages customMessages;

	private final RidLog rids;

	private final Menus menus;

	private final TemporaryMedia temporaryMedia;

	private final Object resetLock = new Object();

	private WeChatSandbox(SandboxSettings settings, HttpServer server) {
		this.settings = settings;
		this.server = server;
		this.clock = new SandboxClock(settings.baseClock());
		int port = server.getAddress().getPort();
		this.baseUrl = "http://" + hostForUrl(settings.bindAddress()) + ":" + port;
		String publicBaseUrl = (settings.publicBaseUrl() != null) ? settings.publicBaseUrl() : this.baseUrl;

		WeChatReplies replies = new WeChatReplies(this.clock);
		this.accounts = new MerchantAccounts(settings.seedDemoAccounts());
		this.state = ComponentState.create(this.clock, settings);
		this.quotas = new Quotas(this.clock);
		this.clearQuotaBudget = new ClearQuotaBudget(this.clock);
		this.faults = new Faults();
		this.latency = new Latency();
		this.counters = new Counters();
		this.pushLog = new PushLog();
		this.contents = new AccountContents(publicBaseUrl);
		WeChatMessageCrypto crypto = new WeChatMessageCrypto(settings.componentToken(), settings.componentAesKey(),
				settings.componentAppId());
		this.pushSender = new PushSender(settings.callbackUrl(), crypto, this.pushLog);
		PushMessages messages = new PushMessages(settings.componentAppId());
		this.ticketSchedule = new TicketSchedule(this.clock, this.state.tickets(), this.pushSender, messages,
				settings.ticketPushInterval());
		this.authorizationFlow = new AuthorizationFlow(this.clock, this.state, this.pushSender, messages);
		this.rids = new RidLog(this.clock);
		ApiCalls calls = new ApiCalls(this.latency, this.faults, this.counters, replies, this.rids,
				settings.componentAppId(), this.clock);
		Credentials credentials = new Credentials(settings, this.state);

		Router router = new Router(replies);
		new ComponentEndpoints(settings, calls, this.quotas, this.state, credentials, this.authorizationFlow,
				this.ticketSchedule, this.accounts, new AccountImages(publicBaseUrl), replies)
			.register(router);
		new QuotaEndpoints(settings, calls, this.quotas, this.clearQuotaBudget, this.state, credentials, replies)
			.register(router);
		new RidEndpoint(settings, calls, this.rids, credentials, replies).register(router);
		new BusinessEndpoints(calls, this.quotas, credentials, this.accounts, this.contents, replies, publicBaseUrl)
			.register(router);
		this.menus = new Menus();
		new MenuEndpoints(calls, this.quotas, credentials, this.accounts, this.menus, replies).register(router);
		this.temporaryMedia = new TemporaryMedia(this.clock);
		new MediaEndpoints(calls, this.quotas, credentials, this.temporaryMedia, replies, publicBaseUrl)
			.register(router);
		this.conversations = new Conversations(this.clock);
		this.customMessages = new CustomMessages();
		new CustomMessageEndpoint(calls, this.quotas, credentials, this.conversations, this.customMessages, replies,
				this.clock)
			.register(router);
		UserMessages userMessages = new UserMessages(this.clock,
				new MessageSender(settings, crypto, this.pushLog, this.clock), this.conversations);
		new ContentFileEndpoint(new ImageRenderer()).register(router);
		new AuthorizationPages(settings, this.accounts, this.state.preAuthCodes(), this.state.authorizations(),
				this.authorizationFlow)
			.register(router);
		new ControlApi(this.clock, this.accounts, this.state, this.authorizationFlow, this.ticketSchedule,
				this.faults, this.latency, this.quotas, this.counters, this.pushLog, userMessages, this.customMessages,
				new ReleaseTest(userMessages, this.authorizationFlow, this.customMessages), this.contents, this::reset)
			.register(router);

		// The server's own threads only read request headers and hand the exchange on: WeChat API calls (which an
		// injected delay may hold up for a minute) to one pool, the control API to another, so that control calls
		// are never stuck behind delayed API calls.
		this.acceptThreads = Executors.newFixedThreadPool(ACCEPT_THREADS, daemonThreads("sandbox-accept-"));
		this.httpThreads = Executors.newFixedThreadPool(settings.httpThreads(), daemonThreads("sandbox-http-"));
		this.controlThreads = Executors.newFixedThreadPool(CONTROL_THREADS, daemonThreads("sandbox-control-"));
		this.ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("sandbox-ticker-"));
		server.createContext("/", (exchange) -> handOff(router, exchange));
		server.setExecutor(this.acceptThreads);
	}

	private void handOff(Router router, HttpExchange exchange) {
		boolean control = ControlApi.isControlPath(exchange.getRequestURI().getRawPath());
		try {
			(control ? this.controlThreads : this.httpThreads).execute(() -> {
				try {
					router.handle(exchange);
				}
				catch (IOException | RuntimeException ex) {
					logger.debug("Sandbox exchange failed: {}", ex.toString());
					exchange.close();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping.
			exchange.close();
		}
	}

	/** Binds, starts serving, sends the start-up ticket push (when a callback URL is set) and starts the ticker. */
	public static WeChatSandbox start(SandboxSettings settings) {
		// Without TCP_NODELAY, small keep-alive answers wait for delayed ACKs (40 ms each on Linux).
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot bind " + settings.bindAddress() + ":" + settings.port(), ex);
		}
		WeChatSandbox sandbox;
		try {
			sandbox = new WeChatSandbox(settings, server);
		}
		catch (RuntimeException ex) {
			server.stop(0);
			throw ex;
		}
		server.start();
		logger.info("WeChat sandbox listening on {} (component {}, callback {}, message URL {})", sandbox.baseUrl,
				settings.componentAppId(), (settings.callbackUrl() != null) ? settings.callbackUrl() : "none",
				(settings.messageUrl() != null) ? settings.messageUrl() : "none");
		sandbox.ticketSchedule.start();
		sandbox.ticker.scheduleWithFixedDelay(sandbox::tick, 1, 1, TimeUnit.SECONDS);
		return sandbox;
	}

	/** For example {@code http://127.0.0.1:38211}; use it in place of {@code https://api.weixin.qq.com}. */
	public String baseUrl() {
		return this.baseUrl;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public SandboxSettings settings() {
		return this.settings;
	}

	/** The sandbox's clock; read it to know the sandbox's now. Advance it with {@link #advanceClock(Duration)}. */
	public SandboxClock clock() {
		return this.clock;
	}

	/**
	 * Moves the sandbox clock forward (as {@code POST /sandbox/clock/advance}); if a ticket push time was passed, one
	 * ticket push happens before this returns.
	 */
	public void advanceClock(Duration amount) {
		this.ticketSchedule.advanceClock(amount);
	}

	/** Issues a new verify ticket and pushes it when a callback URL is set (as {@code POST /sandbox/tickets/push}). */
	public String pushTicket() {
		return this.ticketSchedule.pushNow().ticket();
	}

	/**
	 * Stops the periodic ticket pushes (as {@code POST /sandbox/tickets/pause}), as if WeChat's pushes went missing;
	 * pushes on demand still happen. A reset or {@link #resumeTicketPushes()} ends it.
	 */
	public void pauseTicketPushes() {
		this.ticketSchedule.pause();
	}

	/** Periodic ticket pushes again (as {@code POST /sandbox/tickets/resume}), the next one an interval from now. */
	public void resumeTicketPushes() {
		this.ticketSchedule.resume();
	}

	/**
	 * Every WeChat API call from now on takes between {@code min} and {@code max} before its answer (as
	 * {@code PUT /sandbox/latency}); a reset keeps it. Zero for both: none.
	 */
	public void latency(Duration min, Duration max) {
		this.latency.set(min.toMillis(), max.toMillis());
	}

	/** The latest verify ticket, as the platform would have received it. */
	public Optional<String> latestTicket() {
		return this.state.tickets().latest();
	}

	/**
	 * Back to the start state (as {@code POST /sandbox/reset}): demo accounts (or none), no authorizations, tokens,
	 * codes, tickets, quota overrides, faults, counters, push log, conversations or customer-service messages; clock
	 * offset 0; then the start-up ticket push.
	 */
	public void reset() {
		synchronized (this.resetLock) {
			this.faults.clear();
			this.accounts.reset();
			this.state.reset();
			this.contents.reset();
			this.quotas.reset();
			this.clearQuotaBudget.reset();
			this.counters.reset();
			this.pushLog.clear();
			this.conversations.reset();
			this.customMessages.reset();
			this.rids.clear();
			this.menus.reset();
			this.temporaryMedia.reset();
			this.clock.resetOffset();
			this.ticketSchedule.start();
		}
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		this.server.stop(0);
		this.acceptThreads.shutdownNow();
		this.httpThreads.shutdownNow();
		this.controlThreads.shutdownNow();
		this.pushSender.close();
		logger.info("WeChat sandbox on {} stopped", this.baseUrl);
	}

	private void tick() {
		try {
			this.ticketSchedule.tick();
		}
		catch (RuntimeException ex) {
			logger.warn("Sandbox ticker failed", ex);
		}
	}

	/** A wildcard bind is reached over loopback; an IPv6 literal needs brackets in a URL. */
	private static String hostForUrl(String bindAddress) {
		if ("0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) || "0:0:0:0:0:0:0:0".equals(bindAddress)) {
			return "127.0.0.1";
		}
		return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}

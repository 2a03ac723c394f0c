package io.atrium;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * For benchmarks only: the base clock plus the offset a WeChat sandbox's clock runs ahead of its own base
 * ({@code GET /sandbox/clock}, {@code offsetSeconds}), read every {@link #POLL} on a thread of its own, so that
 * reading the time stays a field read. Sandbox and application share the machine's time otherwise.
 */
final class SandboxFollowingClock extends Clock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SandboxFollowingClock.class);

	static final Duration POLL = Duration.ofMillis(200);

	private static final Pattern OFFSET = Pattern.compile("\"offsetSeconds\"\\s*:\\s*(-?\\d+)");

	private final Clock base;

	private final HttpClient http;

	private final HttpRequest request;

	private final ScheduledExecutorService poller;

	private volatile long offsetSeconds;

	/** Reads the sandbox's offset once (failing when the sandbox does not answer), then follows it. */
	SandboxFollowingClock(URI sandbox, Clock base) {
		this.base = base;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
		this.request = HttpRequest.newBuilder(sandbox.resolve("/sandbox/clock")).timeout(Duration.ofSeconds(2)).GET().build();
		this.offsetSeconds = firstRead();
		CustomizableThreadFactory threads = new CustomizableThreadFactory("sandbox-clock-");
		threads.setDaemon(true);
		this.poller = Executors.newSingleThreadScheduledExecutor(threads);
		this.poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
		logger.warn("The application's clock follows the WeChat sandbox at {} (benchmarks only); offset now {} s",
				sandbox, this.offsetSeconds);
	}

	/** The first offset, tried for up to 10 s (a sandbox started alongside may still be busy): then the start fails. */
	private long firstRead() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try {
				return read();
			}
			catch (IllegalStateException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				try {
					Thread.sleep(POLL.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private void poll() {
		try {
			this.offsetSeconds = read();
		}
		catch (RuntimeException ex) {
			// Keeps the last offset: the sandbox may be restarting.
			logger.debug("Could not read the sandbox's clock: {}", ex.getMessage());
		}
	}

	private long read() {
		try {
			HttpResponse<String> response = this.http.send(this.request, HttpResponse.BodyHandlers.ofString());
			Matcher offset = OFFSET.matcher(response.body());
			if (response.statusCode() != 200 || !offset.find()) {
				throw new IllegalStateException("The sandbox's clock answered " + response.statusCode());
			}
			return Long.parseLong(offset.group(1));
		}
		catch (IOException ex) {
			throw new IllegalStateException("No answer from the sandbox's clock at " + this.request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted reading the sandbox's clock", ex);
		}
	}

	@Override
	public ZoneId getZone() {
		return this.base.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The sandbox-following clock is UTC only");
	}

	@Override
	public Instant instant() {
		return this.base.instant().plusSeconds(this.offsetSeconds);
	}

	@Override
	public long millis() {
		return this.base.millis() + this.offsetSeconds * 1000;
	}

	@Override
	public void close() {
		this.poller.shutdownNow();
	}

}

package io.atrium.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.atrium.bench.fleet.Fleet;
import tools.jackson.databind.JsonNode;

/**
 * WeChat's side of the run, through the sandbox: verify-ticket pushes, re-authorizations ({@code updateauthorized},
 * each with a new refresh token that Atrium must take up), and users' messages to the message URL. The route's
 * status is the one Atrium answered WeChat; anything but an acknowledged 200 is a violation.
 */
public final class Pushes implements AutoCloseable {

	private final String sandbox;

	private final Fleet fleet;

	private final Recorder recorder;

	private final Http http;

	private final java.util.concurrent.atomic.AtomicLong messagesAcknowledged = new java.util.concurrent.atomic.AtomicLong();

	private final java.util.concurrent.atomic.AtomicLong users = new java.util.concurrent.atomic.AtomicLong();

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3, (runnable) -> {
		Thread thread = new Thread(runnable, "pushes");
		thread.setDaemon(true);
		return thread;
	});

	public Pushes(String sandboxBaseUrl, Fleet fleet, Recorder recorder) {
		this.sandbox = sandboxBaseUrl;
		this.fleet = fleet;
		this.recorder = recorder;
		this.http = Http.plain(Duration.ofSeconds(30));
	}

	public void start(Duration ticketEvery, Duration reauthorizationEvery, Duration messageEvery) {
		this.scheduler.scheduleWithFixedDelay(this::ticket, 0, ticketEvery.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::reauthorization, reauthorizationEvery.toMillis(),
				reauthorizationEvery.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::message, 0, messageEvery.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void ticket() {
		judge("push component_verify_ticket", this.http.postJson(this.sandbox + "/sandbox/tickets/push", "{}"), "push");
	}

	private void reauthorization() {
		String appId = account();
		judge("push updateauthorized", this.http.putJson(this.sandbox + "/sandbox/accounts/" + appId + "/authorization",
				Json.write(Map.of("permissionSets", List.of(1, 7, 11)))), "push");
	}

	private void message() {
		String appId = account();
		// A user of its own per message: two events of one user in one second are one event to WeChat's dedupe advice
		// (FromUserName + CreateTime), which Atrium follows, so they would be forwarded once.
		String openid = "o-soak-user-" + this.users.incrementAndGet();
		Object body = ThreadLocalRandom.current().nextBoolean()
				? Map.of("text", "压测消息 " + System.nanoTime(), "openid", openid)
				: Map.of("event", "CLICK", "eventKey", "soak", "openid", openid);
		Answer answer = this.http.postJson(this.sandbox + "/sandbox/accounts/" + appId + "/messages", Json.write(body));
		if (judge("push message", answer, "attempts")) {
			this.messagesAcknowledged.incrementAndGet();
		}
	}

	/** Users' messages and events Atrium acknowledged: each is owed one webhook delivery. */
	public long messagesAcknowledged() {
		return this.messagesAcknowledged.get();
	}

	private String account() {
		List<Fleet.Account> accounts = this.fleet.accounts();
		return accounts.get(ThreadLocalRandom.current().nextInt(accounts.size())).appId();
	}

	/** The sandbox answers what Atrium answered it: that is what is recorded. True when acknowledged. */
	private boolean judge(String route, Answer control, String field) {
		try {
			if (control.status() / 100 != 2) {
				this.recorder.record(route, control.status(), control.micros());
				this.recorder.violation(route, control.status(), "sandbox control: " + Workload.abbreviate(control.body()));
				return false;
			}
			JsonNode push = Json.read(control.body()).get(field);
			if (push != null && push.isArray()) {
				if (push.size() != 1) {
					// WeChat had to send it again: Atrium did not acknowledge the first attempt.
					this.recorder.violation(route, 0, push.size() + " attempts: " + Workload.abbreviate(push.toString()));
				}
				push = push.get(push.size() - 1);
			}
			int status = (push != null && push.get("status") != null && push.get("status").isNumber())
					? push.get("status").asInt() : Recorder.NO_ANSWER;
			boolean acknowledged = push != null && push.get("acknowledged") != null && push.get("acknowledged").asBoolean();
			this.recorder.record(route, status, control.micros());
			if (status != 200 || !acknowledged) {
				this.recorder.violation(route, status, Workload.abbreviate(String.valueOf(push)));
				return false;
			}
			return true;
		}
		catch (RuntimeException ex) {
			this.recorder.violation(route, 0, String.valueOf(ex));
			return false;
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

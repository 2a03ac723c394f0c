package io.atrium.sandbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.atrium.sandbox.SandboxClock;
import io.atrium.sandbox.component.TicketSchedule;
import io.atrium.sandbox.component.Tickets;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import tools.jackson.databind.node.ObjectNode;

import static io.atrium.sandbox.control.ControlJson.ok;
import static io.atrium.sandbox.control.ControlJson.pushJson;

/** {@code /sandbox/health}, {@code /sandbox/clock}, {@code /sandbox/tickets} and {@code /sandbox/reset}. */
final class LifecycleControl {

	private final SandboxClock clock;

	private final Tickets tickets;

	private final TicketSchedule ticketSchedule;

	private final Runnable reset;

	LifecycleControl(SandboxClock clock, Tickets tickets, TicketSchedule ticketSchedule, Runnable reset) {
		this.clock = clock;
		this.tickets = tickets;
		this.ticketSchedule = ticketSchedule;
		this.reset = reset;
	}

	void register(Router router) {
		router.add("GET", "/sandbox/health", (request) -> ok(Json.object().put("status", "UP")));
		router.add("GET", "/sandbox/tickets", this::latestTicket);
		router.add("POST", "/sandbox/tickets/push", this::pushTicket);
		router.add("POST", "/sandbox/tickets/pause", (request) -> {
			this.ticketSchedule.pause();
			return ok(Json.object().put("paused", true));
		});
		router.add("POST", "/sandbox/tickets/resume", (request) -> {
			this.ticketSchedule.resume();
			return ok(Json.object().put("paused", false));
		});
		router.add("GET", "/sandbox/clock", (request) -> ok(clockJson()));
		router.add("POST", "/sandbox/clock/advance", this::advanceClock);
		router.add("POST", "/sandbox/reset", (request) -> {
			this.reset.run();
			return ok(Json.object().put("reset", true));
		});
	}

	private Reply latestTicket(Request request) {
		ObjectNode answer = Json.object();
		answer.put("ticket", this.tickets.latest().orElse(null));
		return ok(answer);
	}

	private Reply pushTicket(Request request) {
		TicketSchedule.Pushed pushed = this.ticketSchedule.pushNow();
		ObjectNode answer = Json.object();
		answer.put("ticket", pushed.ticket());
		answer.set("push", pushJson(pushed.push()));
		return ok(answer);
	}

	/** Moves the clock; at most one ticket push happens if a push time was passed, before the answer. */
	private Reply advanceClock(Request request) {
		ControlBody body = ControlBody.of(request);
		Long seconds = body.number("seconds");
		if (seconds == null || seconds < 0) {
			throw ControlException.badRequest("seconds must be a non-negative integer");
		}
		Optional<TicketSchedule.Pushed> pushed = this.ticketSchedule.advanceClock(Duration.ofSeconds(seconds));
		ObjectNode answer = clockJson();
		answer.put("ticketPushed", pushed.isPresent());
		return ok(answer);
	}

	private ObjectNode clockJson() {
		ObjectNode answer = Json.object();
		Instant now = this.clock.instant();
		answer.put("now", now.toString());
		answer.put("epochSecond", now.getEpochSecond());
		answer.put("offsetSeconds", this.clock.offset().toSeconds());
		return answer;
	}

}

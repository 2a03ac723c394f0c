package io.atrium.sandbox.control;

import io.atrium.sandbox.SandboxClock;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.business.AccountContents;
import io.atrium.sandbox.component.AuthorizationFlow;
import io.atrium.sandbox.component.ComponentState;
import io.atrium.sandbox.component.TicketSchedule;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.limits.Counters;
import io.atrium.sandbox.limits.Faults;
import io.atrium.sandbox.limits.Latency;
import io.atrium.sandbox.limits.Quotas;
import io.atrium.sandbox.message.CustomMessages;
import io.atrium.sandbox.message.UserMessages;
import io.atrium.sandbox.push.PushLog;
import io.atrium.sandbox.release.ReleaseTest;

/**
 * The sandbox's own API under {@code /sandbox/}, one class per resource: merchant accounts and their authorizations
 * ({@link AccountsControl}), users' messages and the 全网发布 test ({@link MessagesControl}), faults
 * ({@link FaultsControl}), quotas ({@link QuotasControl}), call counters and the
 * push log ({@link ObservationControl}), and the clock, tickets, health and reset ({@link LifecycleControl}). JSON
 * in and out; a bad request answers 400 {@code {"error": "..."}}. Documented with examples in the module's README.
 */
public final class ControlApi {

	/** Paths of the control API start with this; they are served on threads of their own. */
	public static final String PREFIX = "/sandbox/";

	private final AccountsControl accounts;

	private final FaultsControl faults;

	private final QuotasControl quotas;

	private final ObservationControl observation;

	private final LifecycleControl lifecycle;

	private final MessagesControl messages;

	private final ContentControl content;

	public ControlApi(SandboxClock clock, MerchantAccounts accounts, ComponentState state, AuthorizationFlow flow,
			TicketSchedule ticketSchedule, Faults faults, Latency latency, Quotas quotas, Counters counters,
			PushLog pushLog, UserMessages userMessages, CustomMessages customMessages, ReleaseTest releaseTest,
			AccountContents contents, Runnable reset) {
		this.accounts = new AccountsControl(accounts, state, flow);
		this.messages = new MessagesControl(accounts, userMessages, customMessages, releaseTest);
		this.content = new ContentControl(accounts, contents, clock);
		this.faults = new FaultsControl(faults, latency);
		this.quotas = new QuotasControl(quotas);
		this.observation = new ObservationControl(counters, pushLog, state);
		this.lifecycle = new LifecycleControl(clock, state.tickets(), ticketSchedule, reset);
	}

	/** Whether a request path belongs to the control API. */
	public static boolean isControlPath(String path) {
		return path != null && (path.startsWith(PREFIX) || path.equals("/sandbox"));
	}

	public void register(Router router) {
		this.lifecycle.register(router);
		this.accounts.register(router);
		this.messages.register(router);
		this.content.register(router);
		this.faults.register(router);
		this.quotas.register(router);
		this.observation.register(router);
	}

}

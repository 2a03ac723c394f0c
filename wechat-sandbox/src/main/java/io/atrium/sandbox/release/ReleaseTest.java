package io.atrium.sandbox.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.crypto.MalformedXmlException;
import io.atrium.crypto.WeChatXml;
import io.atrium.sandbox.component.AuthCode;
import io.atrium.sandbox.component.AuthorizationFlow;
import io.atrium.sandbox.message.CustomMessages;
import io.atrium.sandbox.message.Delivery;
import io.atrium.sandbox.message.UserMessages;
import io.atrium.sandbox.push.PushRecord;
import io.atrium.sandbox.support.Redaction;

/**
 * WeChat's automated 全网发布 test (protocol reference §3.2), run against the platform's message URL for the test
 * accounts of one group or of all five. For each account, in the order the issue lists them:
 * <ol>
 * <li>{@code text}: the user writes {@code TESTCOMPONENT_MSG_TYPE_TEXT}; the answer must be a passive reply (text,
 * to the user, from the account) saying {@code TESTCOMPONENT_MSG_TYPE_TEXT_callback};</li>
 * <li>{@code query_auth_code}: the test account authorizes the platform (a code is issued, nothing is pushed to the
 * auth-event URL) and the user writes {@code QUERY_AUTH_CODE:<code>}; the answer must be empty (or
 * {@code success}), and within the wait a customer-service message {@code <code>_from_api} must reach the user
 * through {@code message/custom/send}, which needs {@code api_query_auth} with that code first;</li>
 * <li>{@code event}: an event ({@code subscribe} for the Official Account, {@code user_enter_tempsession} for the Mini
 * Program) must be answered with a passive reply saying {@code <Event>from_callback}.</li>
 * </ol>
 * A step passes only on the first attempt's answer, within WeChat's 5 seconds: a retry is still made (and logged)
 * as WeChat would, but an answer that needed one was too late for the test. The accounts run in parallel, each
 * step after the other.
 */
public final class ReleaseTest {

	static final String TEXT = "TESTCOMPONENT_MSG_TYPE_TEXT";

	static final String QUERY_AUTH_CODE = "QUERY_AUTH_CODE:";

	private final UserMessages messages;

	private final AuthorizationFlow flow;

	private final CustomMessages customMessages;

	public ReleaseTest(UserMessages messages, AuthorizationFlow flow, CustomMessages customMessages) {
		this.messages = messages;
		this.flow = flow;
		this.customMessages = customMessages;
	}

	/**
	 * Runs the test.
	 * @param group 1 to 5, or null for all five
	 * @param wait how long (real time) to wait for the customer-service message of the QUERY_AUTH_CODE step
	 */
	public Report run(Integer group, Duration wait) throws InterruptedException {
		List<TestAccount> accounts = (group != null) ? ReleaseTestAccounts.group(group) : ReleaseTestAccounts.all();
		ExecutorService threads = Executors.newFixedThreadPool(accounts.size(), (task) -> {
			Thread thread = new Thread(task, "sandbox-release-test");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<AccountResult>> running = new ArrayList<>();
			for (TestAccount account : accounts) {
				running.add(threads.submit(() -> run(account, wait)));
			}
			List<AccountResult> results = new ArrayList<>();
			for (Future<AccountResult> result : running) {
				try {
					results.add(result.get());
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("release test run failed", ex.getCause());
				}
			}
			return new Report(group, results);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private AccountResult run(TestAccount account, Duration wait) throws InterruptedException {
		List<StepResult> steps = new ArrayList<>();
		steps.add(textStep(account));
		steps.add(queryAuthCodeStep(account, wait));
		steps.add(eventStep(account));
		return new AccountResult(account, steps);
	}

	private StepResult textStep(TestAccount account) {
		long started = System.nanoTime();
		Delivery delivery = this.messages.text(account.appid(), account.userName(), account.openid(), TEXT);
		return passiveReplyStep("text", account, delivery, TEXT + "_callback", started);
	}

	private StepResult eventStep(TestAccount account) {
		long started = System.nanoTime();
		Delivery delivery = this.messages.event(account.appid(), account.userName(), account.openid(),
				account.testEvent(), null);
		return passiveReplyStep("event", account, delivery, account.testEvent() + "from_callback", started);
	}

	private StepResult queryAuthCodeStep(TestAccount account, Duration wait) throws InterruptedException {
		AuthCode code = this.flow.authorizeQuietly(account.appid(), ReleaseTestAccounts.permissionSets(account));
		long started = System.nanoTime();
		Delivery delivery = this.messages.text(account.appid(), account.userName(), account.openid(),
				QUERY_AUTH_CODE + code.code());
		long millis = millisSince(started);
		PushRecord first = delivery.first();
		if (!first.acknowledged()) {
			return new StepResult("query_auth_code", false, unanswered(first), delivery.attempts().size(), millis);
		}
		if (first.reply() != null) {
			return new StepResult("query_auth_code", false, "answered a passive reply; the test expects an empty one",
					delivery.attempts().size(), millis);
		}
		String expected = code.code() + "_from_api";
		Optional<CustomMessages.Sent> sent = this.customMessages.await(
				(message) -> message.appid().equals(account.appid()) && message.touser().equals(account.openid())
						&& expected.equals(message.content()),
				wait);
		if (sent.isEmpty()) {
			return new StepResult("query_auth_code", false,
					"no customer-service message " + Redaction.mask(code.code()) + "_from_api to the user within "
							+ wait.toSeconds() + " s",
					delivery.attempts().size(), millis);
		}
		return new StepResult("query_auth_code", true, "answered empty; customer-service message received",
				delivery.attempts().size(), millis);
	}

	private static StepResult passiveReplyStep(String step, TestAccount account, Delivery delivery, String expected,
			long started) {
		long millis = millisSince(started);
		int attempts = delivery.attempts().size();
		PushRecord first = delivery.first();
		if (!first.acknowledged()) {
			return new StepResult(step, false, unanswered(first), attempts, millis);
		}
		if (first.reply() == null) {
			return new StepResult(step, false, "answered without a passive reply", attempts, millis);
		}
		WeChatXml reply;
		try {
			reply = WeChatXml.parse(first.reply());
		}
		catch (MalformedXmlException ex) {
			return new StepResult(step, false, "passive reply is not well-formed XML", attempts, millis);
		}
		String problem = problem(reply, account, expected);
		return (problem != null) ? new StepResult(step, false, problem, attempts, millis)
				: new StepResult(step, true, "replied " + expected, attempts, millis);
	}

	/** What is wrong with a passive text reply, or null. */
	private static String problem(WeChatXml reply, TestAccount account, String expected) {
		if (!"text".equals(strip(reply.get("MsgType")))) {
			return "passive reply is not a text message";
		}
		if (!account.openid().equals(strip(reply.get("ToUserName")))) {
			return "passive reply is not addressed to the user (ToUserName)";
		}
		if (!account.userName().equals(strip(reply.get("FromUserName")))) {
			return "passive reply is not from the account (FromUserName)";
		}
		String content = reply.get("Content");
		if (!expected.equals(content)) {
			return "passive reply says '" + content + "', expected '" + expected + "'";
		}
		return null;
	}

	private static String unanswered(PushRecord first) {
		if (first.status() == null) {
			return "first attempt: " + first.error();
		}
		if (first.error() != null) {
			return "first attempt: " + first.error();
		}
		return "first attempt answered HTTP " + first.status();
	}

	private static String strip(String value) {
		return (value != null) ? value.strip() : null;
	}

	private static long millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

	/** A whole run: one group's accounts or all ten. */
	public record Report(Integer group, List<AccountResult> accounts) {

		public boolean passed() {
			return this.accounts.stream().allMatch(AccountResult::passed);
		}

	}

	public record AccountResult(TestAccount account, List<StepResult> steps) {

		public boolean passed() {
			return this.steps.stream().allMatch(StepResult::passed);
		}

	}

	/**
	 * One step: passed or not and why, how many attempts WeChat made, how long until the last one was over (real
	 * milliseconds; the first attempt's answer time when there was one attempt).
	 */
	public record StepResult(String step, boolean passed, String detail, int attempts, long millis) {
	}

}

package io.atrium.sandbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.atrium.sandbox.SandboxClock;
import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.component.Authorization;
import io.atrium.sandbox.component.AuthorizationFlow;
import io.atrium.sandbox.component.ComponentState;
import io.atrium.sandbox.component.TicketSchedule;
import io.atrium.sandbox.content.ContentSpec;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.limits.Counters;
import io.atrium.sandbox.limits.Fault;
import io.atrium.sandbox.limits.Faults;
import io.atrium.sandbox.limits.QuotaLimit;
import io.atrium.sandbox.limits.Quotas;
import io.atrium.sandbox.push.PushLog;
import io.atrium.sandbox.push.PushRecord;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's own API under {@code /sandbox/}: merchant accounts and their authorizations, tickets, the clock,
 * faults, quotas, counters, the push log and reset. JSON in and out; a bad request answers 400
 * {@code {"error": "..."}}. Documented with examples in the module's README.
 */
public final class ControlApi {

	private static final List<Integer> DEFAULT_PERMISSION_SETS = List.of(1, 2, 3, 7, 11, 15);

	private final SandboxClock clock;

	private final MerchantAccounts accounts;

	private final ComponentState state;

	private final AuthorizationFlow flow;

	private final TicketSchedule ticketSchedule;

	private final Faults faults;

	private final Quotas quotas;

	private final Counters counters;

	private final PushLog pushLog;

	private final Runnable reset;

	public ControlApi(SandboxClock clock, MerchantAccounts accounts, ComponentState state, AuthorizationFlow flow,
			TicketSchedule ticketSchedule, Faults faults, Quotas quotas, Counters counters, PushLog pushLog,
			Runnable reset) {
		this.clock = clock;
		this.accounts = accounts;
		this.state = state;
		this.flow = flow;
		this.ticketSchedule = ticketSchedule;
		this.faults = faults;
		this.quotas = quotas;
		this.counters = counters;
		this.pushLog = pushLog;
		this.reset = reset;
	}

	public void register(Router router) {
		router.add("GET", "/sandbox/health", (request) -> ok(Json.object().put("status", "UP")));
		router.add("GET", "/sandbox/accounts", this::listAccounts);
		router.add("POST", "/sandbox/accounts", this::createAccount);
		router.add("GET", "/sandbox/accounts/{appid}", (request) -> ok(accountJson(account(request))));
		router.add("POST", "/sandbox/accounts/{appid}/authorize", this::authorize);
		router.add("PUT", "/sandbox/accounts/{appid}/authorization", this::changeAuthorization);
		router.add("DELETE", "/sandbox/accounts/{appid}/authorization", this::revoke);
		router.add("POST", "/sandbox/accounts/{appid}/tokens/invalidate", this::invalidateTokens);
		router.add("GET", "/sandbox/tickets", this::latestTicket);
		router.add("POST", "/sandbox/tickets/push", this::pushTicket);
		router.add("GET", "/sandbox/clock", (request) -> ok(clockJson()));
		router.add("POST", "/sandbox/clock/advance", this::advanceClock);
		router.add("GET", "/sandbox/faults", this::listFaults);
		router.add("POST", "/sandbox/faults", this::addFault);
		router.add("DELETE", "/sandbox/faults", (request) -> {
			this.faults.clear();
			return Reply.noContent();
		});
		router.add("GET", "/sandbox/quotas", this::listQuotas);
		router.add("PUT", "/sandbox/quotas", this::setQuota);
		router.add("GET", "/sandbox/counters", (request) -> ok(this.counters.snapshot()));
		router.add("DELETE", "/sandbox/counters", (request) -> {
			this.counters.reset();
			return Reply.noContent();
		});
		router.add("GET", "/sandbox/pushes", this::listPushes);
		router.add("DELETE", "/sandbox/pushes", (request) -> {
			this.pushLog.clear();
			return Reply.noContent();
		});
		router.add("POST", "/sandbox/reset", (request) -> {
			this.reset.run();
			return ok(Json.object().put("reset", true));
		});
	}

	private Reply listAccounts(Request request) {
		ObjectNode answer = Json.object();
		ArrayNode list = answer.putArray("accounts");
		this.accounts.list().forEach((account) -> list.add(accountJson(account)));
		return ok(answer);
	}

	private Reply createAccount(Request request) {
		ControlBody body = ControlBody.of(request);
		String appid = body.string("appid");
		if (appid == null) {
			appid = newAppid();
		}
		else if (!MerchantAccount.isAppid(appid)) {
			throw ControlException.badRequest("appid must be 'wx' followed by 16 lowercase hex digits");
		}
		String nickname = body.string("nickname");
		if (nickname == null) {
			nickname = "测试公众号" + appid.substring(appid.length() - 4);
		}
		int serviceType = orDefault(body.integer("serviceType"), 2);
		boolean verified = orDefault(body.bool("verified"), true);
		List<Integer> permissionSets = orDefault(body.integers("permissionSets"), DEFAULT_PERMISSION_SETS);
		ContentSpec content = contentSpec(body.object("content"));
		MerchantAccount account;
		try {
			account = new MerchantAccount(appid, nickname, serviceType, verified, permissionSets, content,
					orDefault(body.string("principalName"), nickname + "（沙箱）有限公司"),
					orDefault(body.string("alias"), "sandbox_" + appid.substring(2, 10)),
					orDefault(body.string("signature"), "这是一个沙箱公众号。"));
		}
		catch (IllegalArgumentException ex) {
			throw ControlException.badRequest(ex.getMessage());
		}
		if (!this.accounts.add(account)) {
			throw new ControlException(409, "an account with appid " + appid + " exists already");
		}
		return Json.reply(201, accountJson(account));
	}

	/** Missing content fields count as 0; no content object at all means the default amount. */
	private static ContentSpec contentSpec(ControlBody content) {
		if (content == null) {
			return ContentSpec.defaults();
		}
		try {
			return new ContentSpec(orDefault(content.integer("posts"), 0), orDefault(content.integer("images"), 0),
					orDefault(content.integer("voices"), 0), orDefault(content.integer("videos"), 0),
					orDefault(content.integer("news"), 0));
		}
		catch (IllegalArgumentException ex) {
			throw ControlException.badRequest("content: " + ex.getMessage());
		}
	}

	/** Authorizes, or re-authorizes, with the given sets or all the account grants. */
	private Reply authorize(Request request) {
		MerchantAccount account = account(request);
		List<Integer> sets = permissionSets(ControlBody.of(request), account.grantablePermissionSets());
		return ok(outcomeJson(this.flow.authorize(account.appid(), sets, null)));
	}

	/** A re-authorization with other sets, as when the merchant changes them: updateauthorized, new refresh token. */
	private Reply changeAuthorization(Request request) {
		MerchantAccount account = account(request);
		ControlBody body = ControlBody.of(request);
		if (!body.has("permissionSets")) {
			throw ControlException.badRequest("permissionSets is required");
		}
		List<Integer> sets = permissionSets(body, account.grantablePermissionSets());
		if (this.state.authorizations().find(account.appid()).isEmpty()) {
			throw new ControlException(409, account.appid() + " has not authorized the platform");
		}
		return ok(outcomeJson(this.flow.authorize(account.appid(), sets, null)));
	}

	private Reply revoke(Request request) {
		MerchantAccount account = account(request);
		AuthorizationFlow.Revoked revoked = this.flow.revoke(account.appid())
			.orElseThrow(() -> new ControlException(409, account.appid() + " has not authorized the platform"));
		ObjectNode answer = Json.object();
		answer.put("appid", account.appid());
		answer.put("infoType", "unauthorized");
		answer.set("push", pushJson(revoked.push()));
		return ok(answer);
	}

	private Reply invalidateTokens(Request request) {
		MerchantAccount account = account(request);
		ObjectNode answer = Json.object();
		answer.put("appid", account.appid());
		answer.put("invalidated", this.state.authorizerTokens().invalidate(account.appid()));
		return ok(answer);
	}

	private Reply latestTicket(Request request) {
		ObjectNode answer = Json.object();
		answer.put("ticket", this.state.tickets().latest().orElse(null));
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

	private Reply listFaults(Request request) {
		ObjectNode answer = Json.object();
		ArrayNode list = answer.putArray("faults");
		for (Faults.Active active : this.faults.list()) {
			Fault fault = active.fault();
			ObjectNode item = list.addObject();
			item.put("id", active.id());
			item.put("endpoint", fault.endpoint().path());
			item.put("appid", fault.appid());
			item.put("errcode", fault.errcode());
			item.put("errmsg", fault.errmsg());
			item.put("httpStatus", fault.httpStatus());
			item.put("delayMillis", fault.delayMillis());
			item.put("remaining", active.remaining());
			item.put("probability", fault.probability());
		}
		return ok(answer);
	}

	private Reply addFault(Request request) {
		ControlBody body = ControlBody.of(request);
		ApiEndpoint endpoint = endpoint(body.string("endpoint"));
		Fault fault;
		try {
			fault = new Fault(endpoint, body.string("appid"), body.integer("errcode"), body.string("errmsg"),
					body.integer("httpStatus"), orDefault(body.number("delayMillis"), 0L), body.integer("times"),
					orDefault(body.decimal("probability"), 1.0));
		}
		catch (IllegalArgumentException ex) {
			throw ControlException.badRequest(ex.getMessage());
		}
		ObjectNode answer = Json.object();
		answer.put("id", this.faults.add(fault));
		return Json.reply(201, answer);
	}

	private Reply listQuotas(Request request) {
		ObjectNode answer = Json.object();
		ObjectNode defaults = answer.putObject("defaults");
		Quotas.defaultLimits().forEach((endpoint, limit) -> defaults.set(endpoint.path(), limitJson(limit)));
		ObjectNode overrides = answer.putObject("overrides");
		this.quotas.overrides().forEach((key, limit) -> overrides.set(key, limitJson(limit)));
		return ok(answer);
	}

	/** Sets one endpoint's limits, for one appid or for all; a limit left out keeps its current value. */
	private Reply setQuota(Request request) {
		ControlBody body = ControlBody.of(request);
		ApiEndpoint endpoint = endpoint(body.string("endpoint"));
		if (!Quotas.isMetered(endpoint)) {
			throw ControlException.badRequest(endpoint.path() + " has no quota");
		}
		String appid = body.string("appid");
		Long daily = body.number("dailyLimit");
		Long perMinute = body.number("perMinute");
		if (daily == null && perMinute == null) {
			throw ControlException.badRequest("dailyLimit or perMinute is required");
		}
		QuotaLimit current = this.quotas.limit(appid, endpoint);
		QuotaLimit limit;
		try {
			limit = new QuotaLimit(orDefault(daily, current.dailyLimit()), orDefault(perMinute, current.perMinute()));
		}
		catch (IllegalArgumentException ex) {
			throw ControlException.badRequest(ex.getMessage());
		}
		this.quotas.set(endpoint, appid, limit);
		ObjectNode answer = limitJson(limit);
		answer.put("endpoint", endpoint.path());
		answer.put("appid", appid);
		return ok(answer);
	}

	private Reply listPushes(Request request) {
		ObjectNode answer = Json.object();
		ArrayNode list = answer.putArray("pushes");
		this.pushLog.list().forEach((record) -> list.add(pushJson(record)));
		return ok(answer);
	}

	private MerchantAccount account(Request request) {
		String appid = request.pathParam("appid");
		return this.accounts.find(appid).orElseThrow(() -> ControlException.notFound("no account " + appid));
	}

	private static List<Integer> permissionSets(ControlBody body, List<Integer> otherwise) {
		List<Integer> sets = body.integers("permissionSets");
		if (sets == null) {
			return otherwise;
		}
		if (sets.isEmpty() || sets.stream().anyMatch((id) -> id < 1 || id > 999)) {
			throw ControlException.badRequest("permissionSets must hold ids 1..999, at least one");
		}
		return sets;
	}

	private static ApiEndpoint endpoint(String path) {
		if (path == null) {
			throw ControlException.badRequest("endpoint is required, e.g. /cgi-bin/freepublish/batchget");
		}
		return ApiEndpoint.byPath(path).orElseThrow(() -> ControlException.badRequest("unknown endpoint " + path));
	}

	private ObjectNode accountJson(MerchantAccount account) {
		ObjectNode node = Json.object();
		node.put("appid", account.appid());
		node.put("nickname", account.nickname());
		node.put("serviceType", account.serviceType());
		node.put("verified", account.verified());
		node.put("verifyTypeInfo", account.verifyTypeInfo());
		node.put("userName", account.userName());
		node.put("principalName", account.principalName());
		node.put("alias", account.alias());
		ArrayNode sets = node.putArray("permissionSets");
		account.grantablePermissionSets().forEach(sets::add);
		ContentSpec content = account.content();
		ObjectNode contentNode = node.putObject("content");
		contentNode.put("posts", content.posts());
		contentNode.put("images", content.images());
		contentNode.put("voices", content.voices());
		contentNode.put("videos", content.videos());
		contentNode.put("news", content.news());
		Optional<Authorization> authorization = this.state.authorizations().find(account.appid());
		node.put("authorized", authorization.isPresent());
		if (authorization.isPresent()) {
			ObjectNode granted = node.putObject("authorization");
			ArrayNode grantedSets = granted.putArray("permissionSets");
			authorization.get().permissionSets().forEach(grantedSets::add);
			granted.put("authTime", authorization.get().authTime());
		}
		else {
			node.putNull("authorization");
		}
		return node;
	}

	private static ObjectNode outcomeJson(AuthorizationFlow.Outcome outcome) {
		ObjectNode answer = Json.object();
		answer.put("appid", outcome.authorization().appid());
		answer.put("infoType", outcome.infoType());
		answer.put("authorizationCode", outcome.code().code());
		answer.put("expiresIn", outcome.code().expiresIn());
		answer.put("expiresAt", outcome.code().expiresAt());
		answer.put("preAuthCode", outcome.preAuthCode());
		ArrayNode sets = answer.putArray("permissionSets");
		outcome.authorization().permissionSets().forEach(sets::add);
		answer.set("push", pushJson(outcome.push()));
		return answer;
	}

	static ObjectNode pushJson(PushRecord record) {
		if (record == null) {
			return null;
		}
		ObjectNode node = Json.object();
		node.put("id", record.id());
		node.put("infoType", record.infoType());
		node.put("createTime", record.createTime());
		node.put("url", record.url());
		node.put("status", record.status());
		node.put("responseBody", record.responseBody());
		node.put("error", record.error());
		node.put("acknowledged", record.acknowledged());
		node.put("plaintext", record.plaintext());
		return node;
	}

	private static ObjectNode limitJson(QuotaLimit limit) {
		ObjectNode node = Json.object();
		node.put("dailyLimit", limit.dailyLimit());
		node.put("perMinute", limit.perMinute());
		return node;
	}

	private static String newAppid() {
		return "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
	}

	private static <T> T orDefault(T value, T otherwise) {
		return (value != null) ? value : otherwise;
	}

	static Reply ok(ObjectNode body) {
		return Json.reply(200, body);
	}

}

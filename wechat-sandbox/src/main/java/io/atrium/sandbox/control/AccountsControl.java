package io.atrium.sandbox.control;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.component.AuthCode;
import io.atrium.sandbox.component.Authorization;
import io.atrium.sandbox.component.AuthorizationFlow;
import io.atrium.sandbox.component.ComponentState;
import io.atrium.sandbox.content.ContentSpec;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.atrium.sandbox.control.ControlJson.ok;
import static io.atrium.sandbox.control.ControlJson.orDefault;
import static io.atrium.sandbox.control.ControlJson.pushJson;

/**
 * {@code /sandbox/accounts}: merchant accounts, their authorization of the platform (authorize, change, cancel)
 * and the invalidation of their access tokens.
 */
final class AccountsControl {

	private static final List<Integer> DEFAULT_PERMISSION_SETS = List.of(1, 2, 3, 7, 11, 15);

	private final MerchantAccounts accounts;

	private final ComponentState state;

	private final AuthorizationFlow flow;

	AccountsControl(MerchantAccounts accounts, ComponentState state, AuthorizationFlow flow) {
		this.accounts = accounts;
		this.state = state;
		this.flow = flow;
	}

	void register(Router router) {
		router.add("GET", "/sandbox/accounts", this::listAccounts);
		router.add("POST", "/sandbox/accounts", this::createAccount);
		router.add("GET", "/sandbox/accounts/{appid}", (request) -> ok(accountJson(account(request))));
		router.add("POST", "/sandbox/accounts/{appid}/authorize", this::authorize);
		router.add("PUT", "/sandbox/accounts/{appid}/authorization", this::changeAuthorization);
		router.add("DELETE", "/sandbox/accounts/{appid}/authorization", this::revoke);
		router.add("POST", "/sandbox/accounts/{appid}/tokens/invalidate", this::invalidateTokens);
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

	/**
	 * Authorizes, or re-authorizes, with the given sets or all the account grants. With {@code "push": false} nothing
	 * is pushed to the auth-event URL: an authorization the platform's previous backend received (its push went
	 * there), which Atrium can only learn of from {@code api_get_authorizer_list}.
	 */
	private Reply authorize(Request request) {
		MerchantAccount account = account(request);
		ControlBody body = ControlBody.of(request);
		List<Integer> sets = permissionSets(body, account.grantablePermissionSets());
		if (Boolean.FALSE.equals(body.bool("push"))) {
			AuthCode code = this.flow.authorizeQuietly(account.appid(), sets);
			ObjectNode answer = Json.object();
			answer.put("appid", account.appid());
			answer.put("authorizationCode", code.code());
			answer.put("expiresIn", code.expiresIn());
			answer.put("expiresAt", code.expiresAt());
			answer.putNull("push");
			return ok(answer);
		}
		return ok(outcomeJson(this.flow.authorize(account.appid(), sets, null)));
	}

	/**
	 * A re-authorization with other sets, as when the merchant changes them: updateauthorized, new refresh token.
	 * 409 when the account has not authorized the platform, checked in the same step as the change.
	 */
	private Reply changeAuthorization(Request request) {
		MerchantAccount account = account(request);
		ControlBody body = ControlBody.of(request);
		if (!body.has("permissionSets")) {
			throw ControlException.badRequest("permissionSets is required");
		}
		List<Integer> sets = permissionSets(body, account.grantablePermissionSets());
		AuthorizationFlow.Outcome outcome = this.flow.change(account.appid(), sets)
			.orElseThrow(() -> notAuthorized(account));
		return ok(outcomeJson(outcome));
	}

	private Reply revoke(Request request) {
		MerchantAccount account = account(request);
		AuthorizationFlow.Revoked revoked = this.flow.revoke(account.appid()).orElseThrow(() -> notAuthorized(account));
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

	private MerchantAccount account(Request request) {
		String appid = request.pathParam("appid");
		return this.accounts.find(appid).orElseThrow(() -> ControlException.notFound("no account " + appid));
	}

	private static ControlException notAuthorized(MerchantAccount account) {
		return new ControlException(409, account.appid() + " has not authorized the platform");
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

	private static String newAppid() {
		return "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
	}

}

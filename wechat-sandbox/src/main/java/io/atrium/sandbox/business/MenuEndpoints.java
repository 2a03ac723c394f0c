package io.atrium.sandbox.business;

import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.component.Authorization;
import io.atrium.sandbox.component.Credentials;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.http.WeChatBody;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatReplies;
import io.atrium.sandbox.limits.ApiCalls;
import io.atrium.sandbox.limits.Quotas;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * 自定义菜单: {@code POST /cgi-bin/menu/create?access_token=AUTHORIZER_TOKEN} with {@code {"button":[...]}} (answers
 * {@code {"errcode":0,"errmsg":"ok"}}) and {@code GET /cgi-bin/menu/get?access_token=AUTHORIZER_TOKEN} (answers
 * {@code {"menu":{"button":[...]}}}, or 46003 {@code menu no exist} before any menu was created). Check order:
 * injected fault, token (41001, 40001, 61003, 42001), permission set 15 (61007), the account's own right to menus
 * (48001 for an unverified subscription account: WeChat grants custom menus to service accounts and to verified
 * subscription accounts), quota (45009, 45011), body (44002, 47001), the menu's rules ({@link MenuRules}).
 * Personalised menus ({@code conditionalmenu}, {@code menuid}) are not modelled.
 */
public final class MenuEndpoints {

	private final ApiCalls calls;

	private final Quotas quotas;

	private final Credentials credentials;

	private final MerchantAccounts accounts;

	private final Menus menus;

	private final WeChatReplies replies;

	public MenuEndpoints(ApiCalls calls, Quotas quotas, Credentials credentials, MerchantAccounts accounts,
			Menus menus, WeChatReplies replies) {
		this.calls = calls;
		this.quotas = quotas;
		this.credentials = credentials;
		this.accounts = accounts;
		this.menus = menus;
		this.replies = replies;
	}

	public void register(Router router) {
		router.add("POST", ApiEndpoint.MENU_CREATE.path(), this::create);
		router.add("GET", ApiEndpoint.MENU_GET.path(), this::get);
	}

	private Reply create(Request request) throws Exception {
		ApiEndpoint endpoint = ApiEndpoint.MENU_CREATE;
		String token = Credentials.presentedToken(request, endpoint);
		return this.calls.run(endpoint, this.credentials.authorizerTokenOwner(token), request, (call) -> {
			String appid = authorize(endpoint, token);
			ArrayNode button = MenuRules.check(WeChatBody.parse(request).raw("button"));
			this.menus.put(appid, button);
			return this.replies.ok();
		});
	}

	private Reply get(Request request) throws Exception {
		ApiEndpoint endpoint = ApiEndpoint.MENU_GET;
		String token = Credentials.presentedToken(request, endpoint);
		return this.calls.run(endpoint, this.credentials.authorizerTokenOwner(token), request, (call) -> {
			String appid = authorize(endpoint, token);
			ArrayNode button = this.menus.find(appid).orElseThrow(WeChatError.MENU_NO_EXIST::exception);
			ObjectNode answer = Json.object();
			answer.putObject("menu").set("button", button);
			return this.replies.data(answer);
		});
	}

	/** Token, permission set, the account's right to menus and its quota; the account's appid. */
	private String authorize(ApiEndpoint endpoint, String token) {
		Authorization authorization = this.credentials.checkAuthorizerToken(token);
		if (!authorization.grantsAny(endpoint.permissionSets())) {
			throw WeChatError.API_UNAUTHORIZED_TO_COMPONENT.exception();
		}
		String appid = authorization.appid();
		MerchantAccount account = this.accounts.find(appid).orElseThrow(WeChatError.SYSTEM_ERROR::exception);
		boolean subscription = account.serviceType() != 2;
		if (subscription && !account.verified()) {
			throw WeChatError.API_UNAUTHORIZED.exception();
		}
		this.quotas.consume(appid, endpoint);
		return appid;
	}

}

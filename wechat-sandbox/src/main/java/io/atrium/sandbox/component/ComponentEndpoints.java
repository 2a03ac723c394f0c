package io.atrium.sandbox.component;

import java.util.List;
import java.util.Optional;

import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.account.AccountImages;
import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.api.ApiEndpoint;
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
 * The {@code /cgi-bin/component/api_*} endpoints (protocol reference §1). Check order: injected fault, component
 * token, quota (of the component), body, component appid, then the endpoint's own checks.
 */
public final class ComponentEndpoints {

	private static final int MAX_LIST_COUNT = 500;

	private final SandboxSettings settings;

	private final ApiCalls calls;

	private final Quotas quotas;

	private final ComponentState state;

	private final TicketSchedule ticketSchedule;

	private final MerchantAccounts accounts;

	private final AccountImages images;

	private final WeChatReplies replies;

	private final Credentials credentials;

	private final AuthorizationFlow flow;

	public ComponentEndpoints(SandboxSettings settings, ApiCalls calls, Quotas quotas, ComponentState state,
			Credentials credentials, AuthorizationFlow flow, TicketSchedule ticketSchedule, MerchantAccounts accounts,
			AccountImages images, WeChatReplies replies) {
		this.settings = settings;
		this.calls = calls;
		this.quotas = quotas;
		this.state = state;
		this.credentials = credentials;
		this.flow = flow;
		this.ticketSchedule = ticketSchedule;
		this.accounts = accounts;
		this.images = images;
		this.replies = replies;
	}

	public void register(Router router) {
		router.add("POST", ApiEndpoint.COMPONENT_TOKEN.path(), this::componentToken);
		router.add("POST", ApiEndpoint.START_PUSH_TICKET.path(), this::startPushTicket);
		router.add("POST", ApiEndpoint.CREATE_PREAUTHCODE.path(), this::createPreAuthCode);
		router.add("POST", ApiEndpoint.QUERY_AUTH.path(), this::queryAuth);
		router.add("POST", ApiEndpoint.AUTHORIZER_TOKEN.path(), this::authorizerToken);
		router.add("POST", ApiEndpoint.GET_AUTHORIZER_INFO.path(), this::authorizerInfo);
		router.add("POST", ApiEndpoint.GET_AUTHORIZER_LIST.path(), this::authorizerList);
	}

	private Reply componentToken(Request request) throws Exception {
		return this.calls.run(ApiEndpoint.COMPONENT_TOKEN, componentAppId(), request, (call) -> {
			this.quotas.consume(componentAppId(), ApiEndpoint.COMPONENT_TOKEN);
			WeChatBody body = WeChatBody.parse(request);
			this.credentials.requireComponentAppId(body, WeChatError.INVALID_COMPONENT);
			this.credentials.requireSecret(body.string("component_appsecret"));
			this.state.tickets().check(body.string("component_verify_ticket"));
			AccessTokens.Issued issued = this.state.componentTokens().issue(componentAppId());
			ObjectNode answer = Json.object();
			answer.put("component_access_token", issued.token());
			answer.put("expires_in", issued.expiresIn());
			return this.replies.data(answer);
		});
	}

	/** Restarts ticket pushes: pushes one now (when a callback is configured). */
	private Reply startPushTicket(Request request) throws Exception {
		return this.calls.run(ApiEndpoint.START_PUSH_TICKET, componentAppId(), request, (call) -> {
			this.quotas.consume(componentAppId(), ApiEndpoint.START_PUSH_TICKET);
			WeChatBody body = WeChatBody.parse(request);
			this.credentials.requireComponentAppId(body, WeChatError.INVALID_APPID);
			this.credentials.requireSecret(body.string("component_secret"));
			this.ticketSchedule.pushNow();
			return this.replies.ok();
		});
	}

	private Reply createPreAuthCode(Request request) throws Exception {
		return this.calls.run(ApiEndpoint.CREATE_PREAUTHCODE, componentAppId(), request, (call) -> {
			prepare(request, ApiEndpoint.CREATE_PREAUTHCODE);
			PreAuthCodes.Issued issued = this.state.preAuthCodes().issue();
			ObjectNode answer = Json.object();
			answer.put("pre_auth_code", issued.code());
			answer.put("expires_in", issued.expiresIn());
			return this.replies.data(answer);
		});
	}

	private Reply queryAuth(Request request) throws Exception {
		String code = WeChatBody.tryParse(request.body()).map((body) -> body.string("authorization_code")).orElse(null);
		String subject = this.state.authCodes().appidOf(code).orElse(componentAppId());
		return this.calls.run(ApiEndpoint.QUERY_AUTH, subject, request, (call) -> {
			WeChatBody body = prepare(request, ApiEndpoint.QUERY_AUTH);
			AuthorizationFlow.Redeemed redeemed = this.flow.redeem(body.string("authorization_code"));
			Authorization authorization = redeemed.authorization();
			AccessTokens.Issued token = redeemed.token();
			ObjectNode answer = Json.object();
			ObjectNode info = answer.putObject("authorization_info");
			info.put("authorizer_appid", authorization.appid());
			info.put("authorizer_access_token", token.token());
			info.put("expires_in", token.expiresIn());
			info.put("authorizer_refresh_token", authorization.refreshToken());
			info.set("func_info", funcInfo(authorization.permissionSets()));
			return this.replies.data(answer);
		});
	}

	private Reply authorizerToken(Request request) throws Exception {
		String subject = WeChatBody.tryParse(request.body())
			.map((body) -> body.string("authorizer_appid"))
			.orElse(componentAppId());
		return this.calls.run(ApiEndpoint.AUTHORIZER_TOKEN, subject, request, (call) -> {
			WeChatBody body = prepare(request, ApiEndpoint.AUTHORIZER_TOKEN);
			AuthorizationFlow.Redeemed refreshed = this.flow.refresh(body.string("authorizer_appid"),
					body.string("authorizer_refresh_token"), this.settings.rotateRefreshTokens());
			ObjectNode answer = Json.object();
			answer.put("authorizer_access_token", refreshed.token().token());
			answer.put("expires_in", refreshed.token().expiresIn());
			answer.put("authorizer_refresh_token", refreshed.authorization().refreshToken());
			return this.replies.data(answer);
		});
	}

	/** Only accounts that have authorized the platform are visible; any other appid answers 61003. */
	private Reply authorizerInfo(Request request) throws Exception {
		String subject = WeChatBody.tryParse(request.body())
			.map((body) -> body.string("authorizer_appid"))
			.orElse(componentAppId());
		return this.calls.run(ApiEndpoint.GET_AUTHORIZER_INFO, subject, request, (call) -> {
			WeChatBody body = prepare(request, ApiEndpoint.GET_AUTHORIZER_INFO);
			String appid = body.string("authorizer_appid");
			Authorization authorization = (appid != null) ? this.state.authorizations().find(appid).orElse(null)
					: null;
			Optional<MerchantAccount> account = (authorization != null) ? this.accounts.find(appid) : Optional.empty();
			if (account.isEmpty()) {
				throw WeChatError.COMPONENT_NOT_AUTHORIZED.exception();
			}
			ObjectNode answer = Json.object();
			answer.set("authorizer_info", authorizerInfo(account.get()));
			ObjectNode info = answer.putObject("authorization_info");
			info.put("authorizer_appid", appid);
			info.put("authorizer_refresh_token", authorization.refreshToken());
			info.set("func_info", funcInfo(authorization.permissionSets()));
			return this.replies.data(answer);
		});
	}

	private Reply authorizerList(Request request) throws Exception {
		return this.calls.run(ApiEndpoint.GET_AUTHORIZER_LIST, componentAppId(), request, (call) -> {
			WeChatBody body = prepare(request, ApiEndpoint.GET_AUTHORIZER_LIST);
			Integer offset = body.integer("offset");
			Integer count = body.integer("count");
			if (offset == null || count == null || offset < 0 || count < 1 || count > MAX_LIST_COUNT) {
				throw WeChatError.INVALID_ARGS.exception();
			}
			List<Authorization> all = this.state.authorizations().list();
			ObjectNode answer = Json.object();
			answer.put("total_count", all.size());
			ArrayNode list = answer.putArray("list");
			all.stream().skip(offset).limit(count).forEach((authorization) -> {
				ObjectNode item = list.addObject();
				item.put("authorizer_appid", authorization.appid());
				item.put("refresh_token", authorization.refreshToken());
				item.put("auth_time", authorization.authTime());
			});
			return this.replies.data(answer);
		});
	}

	/** The common start of token-taking component calls: token, quota, body, component appid. */
	private WeChatBody prepare(Request request, ApiEndpoint endpoint) {
		this.credentials.checkComponentToken(Credentials.presentedToken(request, endpoint));
		this.quotas.consume(componentAppId(), endpoint);
		WeChatBody body = WeChatBody.parse(request);
		this.credentials.requireComponentAppId(body, WeChatError.INVALID_COMPONENT);
		return body;
	}

	private ObjectNode authorizerInfo(MerchantAccount account) {
		ObjectNode info = Json.object();
		info.put("nick_name", account.nickname());
		info.put("head_img", this.images.headImg(account));
		info.putObject("service_type_info").put("id", account.serviceType());
		info.putObject("verify_type_info").put("id", account.verifyTypeInfo());
		info.put("user_name", account.userName());
		info.put("principal_name", account.principalName());
		info.put("alias", account.alias());
		ObjectNode business = info.putObject("business_info");
		business.put("open_store", 0);
		business.put("open_scan", 0);
		business.put("open_pay", 0);
		business.put("open_card", 0);
		business.put("open_shake", 0);
		info.put("qrcode_url", this.images.qrcodeUrl(account));
		info.put("account_status", 1);
		info.put("idc", 1);
		info.put("signature", account.signature());
		return info;
	}

	static ArrayNode funcInfo(List<Integer> permissionSets) {
		ArrayNode funcInfo = Json.array();
		for (int id : permissionSets) {
			funcInfo.addObject().putObject("funcscope_category").put("id", id);
		}
		return funcInfo;
	}

	private String componentAppId() {
		return this.settings.componentAppId();
	}

}

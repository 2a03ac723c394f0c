package io.atrium.sandbox.component;

import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.http.WeChatBody;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatReplies;
import io.atrium.sandbox.limits.ApiCalls;
import io.atrium.sandbox.limits.ClearQuotaBudget;
import io.atrium.sandbox.limits.QuotaStatus;
import io.atrium.sandbox.limits.Quotas;
import tools.jackson.databind.node.ObjectNode;

/**
 * Quota management (protocol reference §1.10): {@code clear_quota} (component token), {@code clear_quota/v2}
 * (appsecret in the body) and {@code openapi/quota/get}. These three are not metered themselves; clears spend the
 * monthly budget of the account they clear.
 */
public final class QuotaEndpoints {

	private final SandboxSettings settings;

	private final ApiCalls calls;

	private final Quotas quotas;

	private final ClearQuotaBudget budget;

	private final ComponentState state;

	private final WeChatReplies replies;

	private final Credentials credentials;

	public QuotaEndpoints(SandboxSettings settings, ApiCalls calls, Quotas quotas, ClearQuotaBudget budget,
			ComponentState state, Credentials credentials, WeChatReplies replies) {
		this.settings = settings;
		this.calls = calls;
		this.quotas = quotas;
		this.budget = budget;
		this.state = state;
		this.credentials = credentials;
		this.replies = replies;
	}

	public void register(Router router) {
		router.add("POST", ApiEndpoint.CLEAR_QUOTA.path(), this::clearQuota);
		router.add("POST", ApiEndpoint.CLEAR_QUOTA_V2.path(), this::clearQuotaV2);
		router.add("POST", ApiEndpoint.QUOTA_GET.path(), this::quotaGet);
	}

	/** Resets the component's own daily counts. */
	private Reply clearQuota(Request request) throws Exception {
		String component = this.settings.componentAppId();
		return this.calls.run(ApiEndpoint.CLEAR_QUOTA, component, request, (call) -> {
			this.credentials.checkComponentToken(Credentials.presentedToken(request, ApiEndpoint.CLEAR_QUOTA));
			WeChatBody body = WeChatBody.parse(request);
			this.credentials.requireComponentAppId(body, WeChatError.INVALID_COMPONENT);
			return clear(component);
		});
	}

	/** Resets the component's daily counts, or with {@code appid} those of one authorized account. */
	private Reply clearQuotaV2(Request request) throws Exception {
		String component = this.settings.componentAppId();
		String subject = WeChatBody.tryParse(request.body())
			.map((body) -> body.string("appid"))
			.orElse(component);
		return this.calls.run(ApiEndpoint.CLEAR_QUOTA_V2, subject, request, (call) -> {
			WeChatBody body = WeChatBody.parse(request);
			this.credentials.requireComponentAppId(body, WeChatError.INVALID_COMPONENT);
			this.credentials.requireSecret(body.string("appsecret"));
			if (!body.has("appid")) {
				return clear(component);
			}
			String appid = body.string("appid");
			if (appid == null || this.state.authorizations().find(appid).isEmpty()) {
				throw WeChatError.COMPONENT_NOT_AUTHORIZED.exception();
			}
			return clear(appid);
		});
	}

	private Reply clear(String account) {
		if (!this.budget.trySpend(account)) {
			throw WeChatError.CLEAR_QUOTA_LIMIT.exception();
		}
		this.quotas.clearDaily(account);
		return this.replies.ok();
	}

	/**
	 * A component token reads the component's quota of component APIs, an authorizer token the account's quota of
	 * its APIs; the other way round answers 76022. The token comes as {@code access_token} only (protocol reference
	 * §1.10), whichever kind it is.
	 */
	private Reply quotaGet(Request request) throws Exception {
		String presented = Credentials.presentedToken(request, ApiEndpoint.QUOTA_GET);
		boolean componentToken = this.credentials.isComponentToken(presented);
		String subject = componentToken ? this.settings.componentAppId()
				: this.credentials.authorizerTokenOwner(presented);
		return this.calls.run(ApiEndpoint.QUOTA_GET, subject, request, (call) -> {
			String account = componentToken ? this.credentials.checkComponentToken(presented)
					: this.credentials.checkAuthorizerToken(presented).appid();
			WeChatBody body = WeChatBody.parse(request);
			String cgiPath = body.string("cgi_path");
			if (cgiPath == null || !cgiPath.startsWith("/")) {
				throw WeChatError.CGI_PATH_INVALID.exception();
			}
			ApiEndpoint endpoint = ApiEndpoint.byPath(cgiPath)
				.filter(Quotas::isMetered)
				.orElseThrow(WeChatError.CGI_PATH_NOT_FOUND::exception);
			if (endpoint.isComponentApi() != componentToken) {
				throw WeChatError.CGI_PATH_NO_PERMISSION.exception();
			}
			QuotaStatus status = this.quotas.status(account, endpoint);
			ObjectNode answer = Json.object();
			answer.put("errcode", 0);
			answer.put("errmsg", "ok");
			ObjectNode quota = answer.putObject("quota");
			quota.put("daily_limit", status.dailyLimit());
			quota.put("used", status.used());
			quota.put("remain", status.remain());
			ObjectNode rate = answer.putObject("rate_limit");
			rate.put("call_count", status.perMinute());
			rate.put("refresh_second", 60);
			if (!componentToken) {
				// The sandbox has one per-minute limit per account and API; it is what the component may use too.
				ObjectNode componentRate = answer.putObject("component_rate_limit");
				componentRate.put("call_count", status.perMinute());
				componentRate.put("refresh_second", 60);
			}
			return this.replies.data(answer);
		});
	}

}

package io.atrium.sandbox.component;

import java.util.regex.Pattern;

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
import io.atrium.sandbox.limits.RidLog;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /cgi-bin/openapi/rid/get?access_token=TOKEN} with {@code {"rid":"..."}} (protocol reference §1.10,
 * official getRidInfo page): what the sandbox recorded of an error it answered with that rid. The token rule is
 * quota/get's: a component token reads the rids of component API calls, an authorizer token those of its account's
 * calls. Check order: injected fault, token (41001, 40001, 61003, 42001), body (44002, 47001), rid (76002 empty or
 * not shaped like a rid, 76001 unknown, forgotten or older than seven days, 76003 another account's). Not metered,
 * like quota/get (WeChat publishes no quota for it).
 */
public final class RidEndpoint {

	private static final Pattern RID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");

	private final SandboxSettings settings;

	private final ApiCalls calls;

	private final RidLog rids;

	private final Credentials credentials;

	private final WeChatReplies replies;

	public RidEndpoint(SandboxSettings settings, ApiCalls calls, RidLog rids, Credentials credentials,
			WeChatReplies replies) {
		this.settings = settings;
		this.calls = calls;
		this.rids = rids;
		this.credentials = credentials;
		this.replies = replies;
	}

	public void register(Router router) {
		router.add("POST", ApiEndpoint.RID_GET.path(), this::ridGet);
	}

	private Reply ridGet(Request request) throws Exception {
		String presented = Credentials.presentedToken(request, ApiEndpoint.RID_GET);
		boolean componentToken = this.credentials.isComponentToken(presented);
		String subject = componentToken ? this.settings.componentAppId()
				: this.credentials.authorizerTokenOwner(presented);
		return this.calls.run(ApiEndpoint.RID_GET, subject, request, (call) -> {
			String account = componentToken ? this.credentials.checkComponentToken(presented)
					: this.credentials.checkAuthorizerToken(presented).appid();
			String rid = WeChatBody.parse(request).string("rid");
			if (rid == null || !RID.matcher(rid).matches()) {
				throw WeChatError.RID_INVALID.exception();
			}
			// A rid no account owns (the call's token was unknown) is one nobody can look up: the sandbox answers
			// 76001 for it (UNCONFIRMED what WeChat answers).
			RidLog.Entry entry = this.rids.find(rid)
				.filter((found) -> found.owner() != null)
				.orElseThrow(WeChatError.RID_NOT_FOUND::exception);
			if (!entry.owner().equals(account)) {
				throw WeChatError.RID_NO_PERMISSION.exception();
			}
			ObjectNode answer = Json.object();
			answer.put("errcode", 0);
			answer.put("errmsg", "ok");
			ObjectNode details = answer.putObject("request");
			details.put("invoke_time", entry.invokeTime());
			details.put("cost_in_ms", entry.costInMs());
			details.put("request_url", entry.requestUrl());
			details.put("request_body", entry.requestBody());
			details.put("response_body", entry.responseBody());
			details.put("client_ip", (entry.clientIp() != null) ? entry.clientIp() : "");
			return this.replies.data(answer);
		});
	}

}

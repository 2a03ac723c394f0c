package io.atrium.sandbox.business;

import java.time.Clock;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.component.Authorization;
import io.atrium.sandbox.component.Credentials;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.http.WeChatBody;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatReplies;
import io.atrium.sandbox.limits.ApiCalls;
import io.atrium.sandbox.limits.Quotas;
import io.atrium.sandbox.message.Conversations;
import io.atrium.sandbox.message.CustomMessages;

/**
 * {@code POST /cgi-bin/message/custom/send?access_token=AUTHORIZER_TOKEN} with
 * {@code {"touser":"OPENID","msgtype":"text","text":{"content":"..."}}} (protocol reference §3.2): a
 * customer-service message to a user who wrote to the account within the last 48 hours. Check order: injected
 * fault, token (41001, 40001, 42001, 61003), permission set (61007: 1 消息管理, or 19 for Mini Programs), quota
 * (45009, 45011), body (44002, 47001), {@code touser} (40003), {@code msgtype} (40008: the sandbox sends text only),
 * content (44004), the 48-hour window (45015 {@code response out of time limit}). A message sent is kept where the
 * control API and the 全网发布 run read it.
 */
public final class CustomMessageEndpoint {

	private final ApiCalls calls;

	private final Quotas quotas;

	private final Credentials credentials;

	private final Conversations conversations;

	private final CustomMessages sent;

	private final WeChatReplies replies;

	private final Clock clock;

	public CustomMessageEndpoint(ApiCalls calls, Quotas quotas, Credentials credentials, Conversations conversations,
			CustomMessages sent, WeChatReplies replies, Clock clock) {
		this.calls = calls;
		this.quotas = quotas;
		this.credentials = credentials;
		this.conversations = conversations;
		this.sent = sent;
		this.replies = replies;
		this.clock = clock;
	}

	public void register(Router router) {
		router.add("POST", ApiEndpoint.CUSTOM_SEND.path(), this::send);
	}

	private Reply send(Request request) throws Exception {
		ApiEndpoint endpoint = ApiEndpoint.CUSTOM_SEND;
		String token = Credentials.presentedToken(request, endpoint);
		return this.calls.run(endpoint, this.credentials.authorizerTokenOwner(token), request, (call) -> {
			Authorization authorization = this.credentials.checkAuthorizerToken(token);
			if (!authorization.grantsAny(endpoint.permissionSets())) {
				throw WeChatError.API_UNAUTHORIZED_TO_COMPONENT.exception();
			}
			String appid = authorization.appid();
			this.quotas.consume(appid, endpoint);
			WeChatBody body = WeChatBody.parse(request);
			String touser = body.string("touser");
			if (touser == null || touser.isBlank()) {
				throw WeChatError.INVALID_OPENID.exception();
			}
			if (!"text".equals(body.string("msgtype"))) {
				throw WeChatError.INVALID_MESSAGE_TYPE.exception();
			}
			WeChatBody text = body.object("text");
			String content = (text != null) ? text.string("content") : null;
			if (content == null || content.isEmpty()) {
				throw WeChatError.EMPTY_CONTENT.exception();
			}
			if (!this.conversations.open(appid, touser)) {
				throw WeChatError.OUT_OF_TIME_LIMIT.exception();
			}
			this.sent.add(new CustomMessages.Sent(appid, touser, "text", content, this.clock.millis() / 1000));
			return this.replies.ok();
		});
	}

}

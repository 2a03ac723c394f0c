package io.atrium.sandbox.limits;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatException;
import io.atrium.sandbox.http.WeChatReplies;

/**
 * Runs one WeChat API call: the network's latency, injected faults (before any check, as a failing upstream would),
 * then the endpoint's own checks and work; counts the outcome for the endpoint and the account, and remembers each
 * WeChat error it answers by its rid for {@code openapi/rid/get}.
 */
public final class ApiCalls {

	/** How a call that failed with an exception other than a WeChat error is counted (the router answers 500). */
	public static final String INTERNAL_ERROR = "http_500";

	/** What rid/get keeps of a request body: enough to recognise a JSON body, not a whole upload. */
	static final int MAX_RECORDED_BODY_BYTES = 2048;

	/** The value of a token parameter in a query string. */
	private static final Pattern TOKEN_PARAMETER = Pattern.compile("(^|&)((?:component_)?access_token)=([^&]*)");

	private final Latency latency;

	private final Faults faults;

	private final Counters counters;

	private final WeChatReplies replies;

	private final RidLog rids;

	private final String componentAppId;

	private final Clock clock;

	/**
	 * @param componentAppId the platform's appid: errors of component APIs belong to it, whichever authorizer the
	 * call named
	 */
	public ApiCalls(Latency latency, Faults faults, Counters counters, WeChatReplies replies, RidLog rids,
			String componentAppId, Clock clock) {
		this.latency = latency;
		this.faults = faults;
		this.counters = counters;
		this.replies = replies;
		this.rids = rids;
		this.componentAppId = componentAppId;
		this.clock = clock;
	}

	/**
	 * @param subject the account the call concerns as far as known before any check (faults may be restricted to
	 * it; the call is counted for it unless the handler attributes it otherwise), may be null
	 * @param request the request, remembered with the call's error if it answers one
	 */
	public Reply run(ApiEndpoint endpoint, String subject, Request request, Handler handler) throws Exception {
		ApiCall call = new ApiCall(endpoint, subject);
		String outcome = "ok";
		long invokedAt = this.clock.millis();
		long started = System.nanoTime();
		try {
			this.latency.pause();
			Optional<Faults.Taken> taken = this.faults.take(endpoint, subject);
			if (taken.isPresent()) {
				Fault fault = taken.get().fault();
				taken.get().delay();
				if (fault.httpStatus() != null) {
					outcome = "http_" + fault.httpStatus();
					return page(fault.httpStatus());
				}
				if (fault.errcode() != null) {
					outcome = String.valueOf(fault.errcode());
					String errmsg = (fault.errmsg() != null) ? fault.errmsg() : WeChatError.messageFor(fault.errcode());
					return error(call, request, fault.errcode(), errmsg, invokedAt, started);
				}
			}
			return handler.handle(call);
		}
		catch (WeChatException ex) {
			outcome = String.valueOf(ex.errcode());
			return error(call, request, ex.errcode(), ex.errmsg(), invokedAt, started);
		}
		catch (Exception ex) {
			// Not a WeChat error: a bug of the sandbox, which the router answers with HTTP 500.
			outcome = INTERNAL_ERROR;
			throw ex;
		}
		finally {
			this.counters.record(endpoint, call.appid(), outcome);
		}
	}

	/** What a gateway in front of WeChat answers for an injected HTTP status: an HTML page, not WeChat JSON. */
	private static Reply page(int status) {
		String page = "<html>\r\n<head><title>" + status + "</title></head>\r\n<body>\r\n<center><h1>" + status
				+ "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
		return new Reply(status, "text/html", page.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	/** A WeChat error, remembered under its rid. */
	private Reply error(ApiCall call, Request request, int errcode, String errmsg, long invokedAt, long started) {
		String rid = this.replies.newRid();
		Reply reply = this.replies.error(errcode, errmsg, rid);
		String owner = call.endpoint().isComponentApi() ? this.componentAppId : call.appid();
		long costInMs = (System.nanoTime() - started) / 1_000_000;
		this.rids.record(new RidLog.Entry(rid, owner, invokedAt, costInMs, redact(request.rawQuery()),
				recordedBody(request.body()), new String(reply.body(), StandardCharsets.UTF_8), request.clientIp()));
		return reply;
	}

	/**
	 * The query string with each token shortened to its first six characters and {@code xxxx}, as WeChat's rid/get
	 * example shows it ({@code access_token=50_Im7xxxx}): enough to tell tokens apart, not enough to use one.
	 */
	static String redact(String rawQuery) {
		if (rawQuery == null) {
			return "";
		}
		Matcher matcher = TOKEN_PARAMETER.matcher(rawQuery);
		StringBuilder redacted = new StringBuilder();
		while (matcher.find()) {
			String value = matcher.group(3);
			String kept = value.substring(0, Math.min(6, value.length() / 2));
			matcher.appendReplacement(redacted,
					Matcher.quoteReplacement(matcher.group(1) + matcher.group(2) + "=" + kept + "xxxx"));
		}
		matcher.appendTail(redacted);
		return redacted.toString();
	}

	private static String recordedBody(byte[] body) {
		int length = Math.min(body.length, MAX_RECORDED_BODY_BYTES);
		return new String(body, 0, length, StandardCharsets.UTF_8);
	}

	/** The endpoint's own work; throws {@link WeChatException} for WeChat errors. */
	@FunctionalInterface
	public interface Handler {

		Reply handle(ApiCall call) throws Exception;

	}

}

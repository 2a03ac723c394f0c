package io.atrium.sandbox.limits;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatException;
import io.atrium.sandbox.http.WeChatReplies;

/**
 * Runs one WeChat API call: the network's latency, injected faults (before any check, as a failing upstream would),
 * then the endpoint's own checks and work; counts the outcome for the endpoint and the account.
 */
public final class ApiCalls {

	/** How a call that failed with an exception other than a WeChat error is counted (the router answers 500). */
	public static final String INTERNAL_ERROR = "http_500";

	private final Latency latency;

	private final Faults faults;

	private final Counters counters;

	private final WeChatReplies replies;

	public ApiCalls(Latency latency, Faults faults, Counters counters, WeChatReplies replies) {
		this.latency = latency;
		this.faults = faults;
		this.counters = counters;
		this.replies = replies;
	}

	/**
	 * @param subject the account the call concerns as far as known before any check (faults may be restricted to
	 * it; the call is counted for it unless the handler attributes it otherwise), may be null
	 */
	public Reply run(ApiEndpoint endpoint, String subject, Handler handler) throws Exception {
		ApiCall call = new ApiCall(endpoint, subject);
		String outcome = "ok";
		try {
			this.latency.pause();
			Optional<Faults.Taken> taken = this.faults.take(endpoint, subject);
			if (taken.isPresent()) {
				Fault fault = taken.get().fault();
				taken.get().delay();
				Reply injected = inject(fault);
				if (injected != null) {
					outcome = (fault.httpStatus() != null) ? "http_" + fault.httpStatus()
							: String.valueOf(fault.errcode());
					return injected;
				}
			}
			return handler.handle(call);
		}
		catch (WeChatException ex) {
			outcome = String.valueOf(ex.errcode());
			return this.replies.error(ex);
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

	/** A fault's answer after its delay: its error, or null to go on with the call. */
	private Reply inject(Fault fault) {
		if (fault.httpStatus() != null) {
			// What a gateway in front of WeChat answers: an HTML page, not a WeChat JSON body.
			String page = "<html>\r\n<head><title>" + fault.httpStatus() + "</title></head>\r\n<body>\r\n<center><h1>"
					+ fault.httpStatus() + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
			return new Reply(fault.httpStatus(), "text/html", page.getBytes(StandardCharsets.UTF_8), Map.of());
		}
		if (fault.errcode() != null) {
			String errmsg = (fault.errmsg() != null) ? fault.errmsg() : WeChatError.messageFor(fault.errcode());
			return this.replies.error(fault.errcode(), errmsg);
		}
		return null;
	}

	/** The endpoint's own work; throws {@link WeChatException} for WeChat errors. */
	@FunctionalInterface
	public interface Handler {

		Reply handle(ApiCall call) throws Exception;

	}

}

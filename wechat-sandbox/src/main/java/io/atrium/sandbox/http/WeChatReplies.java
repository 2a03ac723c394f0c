package io.atrium.sandbox.http;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes WeChat-shaped answers: HTTP 200 always; errors as {@code {"errcode":N,"errmsg":"text rid: ..."}} with the
 * {@code rid} suffix real responses carry; action endpoints' success as {@code {"errcode":0,"errmsg":"ok"}}.
 */
public final class WeChatReplies {

	private final Clock clock;

	public WeChatReplies(Clock clock) {
		this.clock = clock;
	}

	public Reply error(WeChatException error) {
		return error(error.errcode(), error.errmsg());
	}

	public Reply error(int errcode, String errmsg) {
		return error(errcode, errmsg, newRid());
	}

	/** An error carrying a rid made beforehand ({@link #newRid()}), so that the caller can remember it. */
	public Reply error(int errcode, String errmsg, String rid) {
		ObjectNode body = Json.object();
		body.put("errcode", errcode);
		body.put("errmsg", errmsg + " rid: " + rid);
		return Json.reply(200, body);
	}

	public Reply ok() {
		ObjectNode body = Json.object();
		body.put("errcode", 0);
		body.put("errmsg", "ok");
		return Json.reply(200, body);
	}

	public Reply data(JsonNode body) {
		return Json.reply(200, body);
	}

	/**
	 * A request id shaped like WeChat's ({@code 64f69b23-60f73830-19f36488}): the first group is the Unix time in
	 * hex, as in real ones, the other two are random.
	 */
	public String newRid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("%08x-%08x-%08x", this.clock.millis() / 1000, random.nextInt(), random.nextInt());
	}

}

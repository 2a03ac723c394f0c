package io.atrium.token.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;

/**
 * Pushes a user's message to an instance's message URL the way WeChat does (sealed with the component's key, each
 * push signed afresh), so a test can repeat a message as WeChat's retries do or push to a second instance.
 */
final class WeChatPushes {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final AtomicLong nonces = new AtomicLong(7_000_000);

	private final WeChatSandbox sandbox;

	private final WeChatMessageCrypto crypto;

	WeChatPushes(WeChatSandbox sandbox) {
		this.sandbox = sandbox;
		SandboxSettings settings = sandbox.settings();
		this.crypto = new WeChatMessageCrypto(settings.componentToken(), settings.componentAesKey(),
				settings.componentAppId());
	}

	static String text(String openid, long createTime, String content, long msgId) {
		return "<xml><ToUserName><![CDATA[gh_3c884a361561]]></ToUserName><FromUserName><![CDATA[" + openid
				+ "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
				+ "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
	}

	long now() {
		return this.sandbox.clock().instant().getEpochSecond();
	}

	/** Posts the plaintext sealed and signed now; returns the answer. */
	HttpResponse<String> push(int port, String appId, String plaintext) {
		String timestamp = String.valueOf(now());
		String nonce = String.valueOf(nonces.incrementAndGet());
		String encrypted = this.crypto.encrypt(plaintext);
		String body = "<xml><ToUserName><![CDATA[gh_3c884a361561]]></ToUserName><Encrypt><![CDATA[" + encrypted
				+ "]]></Encrypt></xml>";
		String query = "signature=" + this.crypto.urlSignature(timestamp, nonce) + "&timestamp=" + timestamp
				+ "&nonce=" + nonce + "&openid=oTest&encrypt_type=aes&msg_signature="
				+ this.crypto.msgSignature(timestamp, nonce, encrypted);
		try {
			return http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/wechat/accounts/" + appId + "/messages?" + query))
				.header("Content-Type", "text/xml")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The Content of a sealed passive reply. */
	String replyContent(String sealedReply) {
		io.atrium.crypto.WeChatXml envelope = io.atrium.crypto.WeChatXml.parse(sealedReply);
		return io.atrium.crypto.WeChatXml.parse(this.crypto.open(sealedReply, envelope.require("TimeStamp"),
				envelope.require("Nonce"), envelope.require("MsgSignature"))).get("Content");
	}

}

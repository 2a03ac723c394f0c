package io.atrium.token.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.crypto.WeChatXml;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The one way a push from WeChat is accepted, on the auth-event URL and on the message URL alike (protocol
 * reference §3, §4): every check runs before anything is stored, in this order: body size, query parameters,
 * timestamp window, {@code msg_signature} (constant time, before decrypting), decryption with the component's key
 * and the trailing appid (the component's on both URLs), the plaintext read with DTDs off, the endpoint's own check
 * of the plaintext, and last the replay guard, the only step that writes (so a forgery cannot burn a nonce).
 * Anything refused comes out as a {@link PushRejectedException} or a
 * {@link io.atrium.crypto.MessageCryptoException}, which {@link PushExceptionHandler} answers.
 */
@Component
public class WeChatPushVerifier {

	/** WeChat's pushes are a few kilobytes at most; anything this large is not one. */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	/** How far a push's timestamp may be from now, either way (clock skew plus WeChat's retries). */
	public static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(5);

	private final WeChatMessageCrypto crypto;

	private final ReplayGuard replayGuard;

	private final Clock clock;

	WeChatPushVerifier(WeChatMessageCrypto componentMessageCrypto, ReplayGuard replayGuard, Clock clock) {
		this.crypto = componentMessageCrypto;
		this.replayGuard = replayGuard;
		this.clock = clock;
	}

	/**
	 * Verifies a push and marks it seen.
	 * @param check the endpoint's own check of the decrypted plaintext (who it is addressed to, which account it
	 * is for); it throws {@link PushRejectedException} to refuse, and runs before the replay guard writes anything
	 * @return the verified push with what the check returned; hand it to {@link #forget} if handling it fails, so
	 * that WeChat's retry gets in
	 */
	public <T> VerifiedPush<T> verify(HttpServletRequest request, Function<WeChatXml, T> check) throws IOException {
		String body = readBody(request);
		PushParameters parameters = PushParameters.fromQuery(request.getQueryString());
		checkFresh(parameters);
		String plaintext = this.crypto.open(body, parameters.timestamp(), parameters.nonce(),
				parameters.msgSignature());
		WeChatXml xml = WeChatXml.parse(plaintext);
		T accepted = check.apply(xml);
		if (!this.replayGuard.firstSeen(parameters)) {
			throw new PushRejectedException(HttpStatus.CONFLICT, "push already received");
		}
		return new VerifiedPush<>(parameters, plaintext, xml, accepted);
	}

	/** Forgets a verified push again: handling it failed, and WeChat's retry of the same push must get through. */
	public void forget(VerifiedPush<?> push) {
		this.replayGuard.forget(push.parameters());
	}

	/** Reads at most one byte more than allowed, so an oversized body is refused without being read whole. */
	private static String readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (bytes.length > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static PushRejectedException tooLarge() {
		return new PushRejectedException(HttpStatus.CONTENT_TOO_LARGE,
				"body larger than " + MAX_BODY_BYTES + " bytes");
	}

	private void checkFresh(PushParameters push) {
		if (!isFresh(push.epochSecond())) {
			throw PushRejectedException.forged("timestamp outside the accepted window");
		}
	}

	/** Whether a Unix time (seconds) is within the window around now. */
	private boolean isFresh(long epochSecond) {
		long skew = Math.abs(this.clock.instant().getEpochSecond() - epochSecond);
		return skew <= TIMESTAMP_WINDOW.toSeconds();
	}

	/**
	 * The URL check WeChat makes with a {@code GET} ({@code signature, timestamp, nonce, echostr}; protocol
	 * reference §4.3): the URL {@code signature} over the Token, compared in constant time, and the timestamp
	 * window. Stores nothing, so no replay guard: echoing a captured {@code echostr} again proves nothing new.
	 * @return the {@code echostr} to answer with; only letters and digits (at most 128) are accepted, so the echo
	 * can never carry markup
	 * @throws PushRejectedException 400 when a parameter is missing, repeated or malformed, 403 when the signature
	 * or the time is wrong
	 */
	public String verifyUrl(String query) {
		if (query == null) {
			throw PushRejectedException.malformed("missing query parameter signature");
		}
		MultiValueMap<String, String> params = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
		String signature = PushParameters.single(params, "signature");
		String timestamp = PushParameters.single(params, "timestamp");
		String nonce = PushParameters.single(params, "nonce");
		String echostr = PushParameters.single(params, "echostr");
		if (!PushParameters.isUnixTime(timestamp)) {
			throw PushRejectedException.malformed("timestamp is not a Unix time");
		}
		if (echostr.length() > 128 || !echostr.chars().allMatch((c) -> c < 128 && Character.isLetterOrDigit(c))) {
			throw PushRejectedException.malformed("echostr must be letters and digits");
		}
		if (!isFresh(Long.parseLong(timestamp))) {
			throw PushRejectedException.forged("timestamp outside the accepted window");
		}
		if (!MessageDigest.isEqual(this.crypto.urlSignature(timestamp, nonce).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			throw PushRejectedException.forged("signature does not match");
		}
		return echostr;
	}

	/** The component's crypto, for answers that must be sealed as WeChat expects them (passive replies). */
	public WeChatMessageCrypto crypto() {
		return this.crypto;
	}

}

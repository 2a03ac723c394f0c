package io.atrium.token.push;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The query parameters WeChat signs a push with. Read from the query string only: a form body must never be
 * parsed to find them (it could be large, and it is not what WeChat signs). Other parameters (the message URL's
 * {@code openid}) are ignored: they are not signed.
 */
public record PushParameters(String signature, String timestamp, String nonce, String encryptType,
		String msgSignature) {

	/**
	 * @throws PushRejectedException when a parameter is missing, repeated or not what WeChat sends
	 */
	public static PushParameters fromQuery(String query) {
		MultiValueMap<String, String> params = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
		PushParameters push = new PushParameters(single(params, "signature"), single(params, "timestamp"),
				single(params, "nonce"), single(params, "encrypt_type"), single(params, "msg_signature"));
		if (!"aes".equals(push.encryptType())) {
			throw PushRejectedException.malformed("encrypt_type must be aes");
		}
		if (!isUnixTime(push.timestamp())) {
			throw PushRejectedException.malformed("timestamp is not a Unix time");
		}
		return push;
	}

	/** Digits only, and short enough to be a Unix time in seconds (so that parsing it cannot overflow). */
	static boolean isUnixTime(String timestamp) {
		return !timestamp.isEmpty() && timestamp.length() <= 12 && timestamp.chars().allMatch(Character::isDigit);
	}

	static String single(MultiValueMap<String, String> params, String name) {
		List<String> values = params.get(name);
		if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
			throw PushRejectedException.malformed("missing query parameter " + name);
		}
		if (values.size() > 1) {
			throw PushRejectedException.malformed("repeated query parameter " + name);
		}
		return UriUtils.decode(values.get(0), StandardCharsets.UTF_8);
	}

	public long epochSecond() {
		return Long.parseLong(this.timestamp);
	}

}

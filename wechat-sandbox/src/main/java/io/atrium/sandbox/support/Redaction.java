package io.atrium.sandbox.support;

/**
 * Keeps tokens, codes, tickets and secrets out of {@code toString()} (which ends up in logs and assertion messages):
 * only WeChat's prefix ({@code ticket@@@}, {@code queryauthcode@@@}, …) is kept.
 */
public final class Redaction {

	private Redaction() {
	}

	/** {@code ticket@@@abc…} → {@code ticket@@@***}; a value without a prefix → {@code ***}; null stays null. */
	public static String mask(String secret) {
		if (secret == null) {
			return "null";
		}
		int marker = secret.indexOf("@@@");
		return ((marker >= 0) ? secret.substring(0, marker + 3) : "") + "***";
	}

	/** A message that may hold secrets (a push plaintext): only its length. */
	public static String maskText(String text) {
		return (text == null) ? "null" : "***(" + text.length() + " chars)";
	}

}

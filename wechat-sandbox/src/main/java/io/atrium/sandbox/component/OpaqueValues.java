package io.atrium.sandbox.component;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random values shaped like WeChat's: tokens of URL-safe Base64 characters, codes with WeChat's prefixes. The
 * sandbox is no security boundary, so a fast generator is enough.
 */
final class OpaqueValues {

	private static final char[] URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	private OpaqueValues() {
	}

	static String urlSafe(int length) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] value = new char[length];
		for (int i = 0; i < length; i++) {
			value[i] = URL_SAFE[random.nextInt(URL_SAFE.length)];
		}
		return new String(value);
	}

	static String prefixed(String prefix, int length) {
		return prefix + urlSafe(length);
	}

}

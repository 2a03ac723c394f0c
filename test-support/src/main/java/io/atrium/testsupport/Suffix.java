package io.atrium.testsupport;

import java.security.SecureRandom;

/**
 * Short random suffixes that keep names from different test classes, test runs and machines
 * sharing one server apart.
 */
final class Suffix {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom random = new SecureRandom();

	private Suffix() {
	}

	/**
	 * Eight lower-case letters and digits: valid in identifiers and keys alike.
	 */
	static String next() {
		StringBuilder suffix = new StringBuilder(8);
		for (int i = 0; i < 8; i++) {
			suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return suffix.toString();
	}

}

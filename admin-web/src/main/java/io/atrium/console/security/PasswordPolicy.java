package io.atrium.console.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

/**
 * What a new console password must be, on every path that sets one (the configured first administrator, users
 * added on {@code /users} or a tenant's page, a reset, {@code /me/password}): at least 12 characters, at most
 * 72 bytes in UTF-8 (bcrypt reads no further, and Spring Security's encoder refuses more rather than ignore the
 * rest), and hard to guess by zxcvbn's estimate (Dropbox's model, ported by Nulab: common and breached passwords,
 * dictionary words, names, keyboard walks, repeats, sequences, dates and l33t spellings, each priced by how soon an
 * attacker would try it). No composition rules (NIST 800-63B): a long phrase of ordinary words passes, while
 * {@code aaaaaaaaaaaa}, twelve spaces and {@code password1234} do not.
 * <p>
 * The username, its parts and Atrium's own words are given to the estimator as words an attacker knows, so
 * {@code atrium2026!} or the username itself count as guessable. The estimator's feedback comes back as message
 * keys ({@code password.feedback.*}), so the console says it in the user's language.
 */
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	/** Words anyone attacking this console knows; the estimator treats them like the top of a password list. */
	static final List<String> ATRIUM_WORDS = List.of("atrium", "console", "wechat", "weixin", "admin", "administrator",
			"platform", "merchant", "operator", "tenant", "login", "password", "mima", "denglu", "guanli", "houtai",
			"gongzhonghao");

	/** Message key of the hint that a password contains the username. */
	static final String CONTAINS_USERNAME = "password.feedback.contains-username";

	/** Message key said when the estimator has no more specific feedback. */
	static final String GENERIC = "password.feedback.generic";

	private static final String FEEDBACK_PREFIX = "feedback.";

	/** Hands back the estimator's message keys instead of its English text. */
	private static final ResourceBundle KEYS = new ResourceBundle() {

		@Override
		protected Object handleGetObject(String key) {
			return key;
		}

		@Override
		public Enumeration<String> getKeys() {
			return Collections.emptyEnumeration();
		}

	};

	private final Zxcvbn zxcvbn;

	private final int minScore;

	/**
	 * @param zxcvbn the estimator (its dictionaries are loaded once; it is safe to share)
	 * @param minScore zxcvbn's score a password needs, 0-4; 3 is about 10^8 guesses
	 */
	PasswordPolicy(Zxcvbn zxcvbn, int minScore) {
		this.zxcvbn = zxcvbn;
		this.minScore = minScore;
	}

	/**
	 * Refuses a password that is too short, too long or easy to guess for this username.
	 * @throws ConsoleUserRefusal {@code password} (too short), {@code password.too-long} (over 72 bytes) or
	 * {@code password.weak}, whose hints are the estimator's feedback
	 */
	void check(String username, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			throw new ConsoleUserRefusal("password");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new ConsoleUserRefusal("password.too-long");
		}
		Strength strength = this.zxcvbn.measure(password, userInputs(username));
		if (strength.getScore() < this.minScore) {
			throw new ConsoleUserRefusal("password.weak", hints(username, password, strength.getFeedback()));
		}
	}

	private static List<String> hints(String username, String password, Feedback feedback) {
		Set<String> hints = new LinkedHashSet<>();
		if (username != null && !username.isBlank()
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			hints.add(CONTAINS_USERNAME);
		}
		Feedback keys = feedback.withResourceBundle(KEYS);
		String warning = keys.getWarning();
		if (warning != null && !warning.isEmpty()) {
			hints.add(messageKey(warning));
		}
		keys.getSuggestions().stream().filter((key) -> key != null && !key.isEmpty()).map(PasswordPolicy::messageKey)
			.forEach(hints::add);
		if (hints.isEmpty()) {
			hints.add(GENERIC);
		}
		return new ArrayList<>(hints);
	}

	private static String messageKey(String zxcvbnKey) {
		String key = zxcvbnKey.startsWith(FEEDBACK_PREFIX) ? zxcvbnKey.substring(FEEDBACK_PREFIX.length()) : zxcvbnKey;
		return "password.feedback." + key;
	}

	/** The username, its parts (split at . _ @ -) and Atrium's words, lower-cased. */
	static List<String> userInputs(String username) {
		Set<String> inputs = new LinkedHashSet<>(ATRIUM_WORDS);
		if (username != null && !username.isBlank()) {
			String lower = username.toLowerCase(Locale.ROOT);
			inputs.add(lower);
			for (String part : lower.split("[._@-]+")) {
				if (part.length() >= 3) {
					inputs.add(part);
				}
			}
		}
		return new ArrayList<>(inputs);
	}

}

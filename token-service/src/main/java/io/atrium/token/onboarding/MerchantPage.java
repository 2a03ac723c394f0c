package io.atrium.token.onboarding;

import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * The pages a merchant sees on Atrium (the shared authorization link, the return from WeChat's page): in the
 * merchant's language (English when the browser prefers it, Chinese otherwise), styled like the console, with no
 * script and no inline style (the console's CSP). Never a code or a token in the text.
 */
final class MerchantPage {

	private MerchantPage() {
	}

	/** A text in both languages; the page shows one. */
	record Text(String chinese, String english) {

		String in(Locale locale) {
			return MerchantPage.english(locale) ? this.english : this.chinese;
		}

	}

	/**
	 * The merchant's language from the browser's {@code Accept-Language}: English when English comes before Chinese
	 * in it, Chinese otherwise (and without the header). Not the console's cookie: a merchant may never have
	 * opened the console.
	 */
	static Locale languageOf(String acceptLanguage) {
		if (acceptLanguage != null && !acceptLanguage.isBlank()) {
			try {
				for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
					String language = range.getRange().toLowerCase(Locale.ROOT);
					if (language.startsWith("en")) {
						return Locale.ENGLISH;
					}
					if (language.startsWith("zh")) {
						return Locale.SIMPLIFIED_CHINESE;
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// A malformed header: the default language.
			}
		}
		return Locale.SIMPLIFIED_CHINESE;
	}

	static boolean english(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage());
	}

	/**
	 * @param tone Bootstrap's alert colour: success, info, warning or danger
	 * @param actions already escaped HTML below the message (links), or empty
	 * @param reloadSeconds when the page reloads itself; 0 for never
	 */
	static String render(Locale locale, Text title, Text message, String tone, String actions, int reloadSeconds) {
		String lang = english(locale) ? "en" : "zh-CN";
		return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"UTF-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ ((reloadSeconds > 0) ? "<meta http-equiv=\"refresh\" content=\"" + reloadSeconds + "\">" : "")
				+ "<title>" + escape(title.in(locale)) + "</title>"
				+ "<link rel=\"stylesheet\" href=\"/webjars/bootstrap/css/bootstrap.min.css\">"
				+ "<link rel=\"stylesheet\" href=\"/assets/css/console.css\"></head>"
				+ "<body class=\"merchant-page\"><main class=\"container py-5 merchant-card\">"
				+ "<p class=\"text-body-secondary small mb-2\">" + escape(new Text("公众号授权", "Official Account "
						+ "authorization").in(locale)) + "</p>"
				+ "<h1 class=\"h3 mb-3\" id=\"result\">" + escape(title.in(locale)) + "</h1>"
				+ "<div class=\"alert alert-" + tone + "\" id=\"message\">" + escape(message.in(locale)) + "</div>"
				+ actions + "</main></body></html>";
	}

	static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}

package io.atrium.token.onboarding;

import java.util.Locale;

import io.atrium.token.onboarding.ReturnResult.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The merchant's pages follow the browser's language, and carry no script or inline style. */
class MerchantPageTests {

	@Test
	void theLanguageIsTheFirstOfEnglishOrChineseTheBrowserPrefersAndChineseOtherwise() {
		assertThat(MerchantPage.languageOf("en-US,en;q=0.9,zh-CN;q=0.8")).isEqualTo(Locale.ENGLISH);
		assertThat(MerchantPage.languageOf("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
		assertThat(MerchantPage.languageOf("fr-FR,en;q=0.5")).isEqualTo(Locale.ENGLISH);
		assertThat(MerchantPage.languageOf("zh-TW")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
		assertThat(MerchantPage.languageOf(null)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
		assertThat(MerchantPage.languageOf("fr")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
		assertThat(MerchantPage.languageOf(";;;=q")).as("malformed").isEqualTo(Locale.SIMPLIFIED_CHINESE);
		assertThat(MerchantPage.languageOf("en")).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void aReturnPageIsInOneLanguageStyledAndWithoutScript() {
		String chinese = ReturnPage.render(ReturnResult.of(Outcome.HELD_BY_ANOTHER_TENANT), Locale.SIMPLIFIED_CHINESE);
		String english = ReturnPage.render(ReturnResult.of(Outcome.HELD_BY_ANOTHER_TENANT), Locale.ENGLISH);
		assertThat(chinese).contains("lang=\"zh-CN\"", "无法授权", "其他租户", "/assets/css/console.css")
			.doesNotContain("Cannot authorize");
		assertThat(english).contains("lang=\"en\"", "Cannot authorize", "another tenant").doesNotContain("无法授权");
		for (Outcome outcome : Outcome.values()) {
			String page = ReturnPage.render(ReturnResult.of(outcome), Locale.ENGLISH);
			assertThat(page).as(outcome.name()).doesNotContain("<script", "style=").contains("<h1");
		}
	}

}

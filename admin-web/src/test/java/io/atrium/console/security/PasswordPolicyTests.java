package io.atrium.console.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Zxcvbn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The password rule on its own: the estimator's verdicts on the passwords the issue names, the byte limit, and
 * the feedback's message keys in both languages.
 */
class PasswordPolicyTests {

	static final PasswordPolicy policy = new PasswordPolicy(new Zxcvbn(), 3);

	@ParameterizedTest
	@ValueSource(strings = { "            ", "aaaaaaaaaaaa", "password1234", "qwertyuiop123", "1qaz2wsx3edc",
			"admin1234567", "Password@2024", "wechat123456", "zhang.wei2024" })
	void commonAndPatternedPasswordsAreRefusedWithAdvice(String password) {
		ConsoleUserRefusal refusal = catchThrowableOfType(ConsoleUserRefusal.class,
				() -> policy.check("zhang.wei", password));
		assertThat(refusal).as(password).isNotNull();
		assertThat(refusal.getMessage()).isEqualTo("password.weak");
		assertThat(refusal.hints()).isNotEmpty().allMatch((hint) -> hint.startsWith("password.feedback."));
	}

	@Test
	void theUsernameAndItsPartsCountAsKnownWords() {
		ConsoleUserRefusal itself = catchThrowableOfType(ConsoleUserRefusal.class,
				() -> policy.check("operator-zhang01", "operator-zhang01"));
		assertThat(itself.hints()).first().isEqualTo(PasswordPolicy.CONTAINS_USERNAME);
		assertThat(PasswordPolicy.userInputs("li.na@example-corp")).contains("li.na@example-corp", "example",
				"corp", "atrium");
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse battery staple", "a-long-viewer-password", "the-right-password",
			"atrium-demo-admin", "atrium-demo-xinghe", "atrium-demo-shanye", "春眠不觉晓处处闻啼鸟夜来风雨" })
	void phrasesOfOrdinaryWordsPassWithoutAnyComposition(String password) {
		assertThatCode(() -> policy.check("someone", password)).as(password).doesNotThrowAnyException();
	}

	/**
	 * The demo's fixed users (application-demo.yml, README) and the tests' configured administrators pass the same
	 * rule as everyone: no exemption.
	 */
	@ParameterizedTest
	@CsvSource({ "admin, atrium-demo-admin", "xinghe, atrium-demo-xinghe", "shanye, atrium-demo-shanye",
			"health-operator, health-operator-password" })
	void theDemosAndTheTestsConfiguredUsersPassTheRule(String username, String password) {
		assertThatCode(() -> policy.check(username, password)).doesNotThrowAnyException();
	}

	@Test
	void lengthIsCountedInCharactersAndTheLimitInUtf8Bytes() {
		assertThat(catchThrowableOfType(ConsoleUserRefusal.class, () -> policy.check("someone", "eleven-char"))
			.getMessage()).isEqualTo("password");
		// 24 Chinese characters are 72 bytes: accepted; 25 are 75: refused before bcrypt would be.
		String twentyFour = "春眠不觉晓处处闻啼鸟夜来风雨声花落知多少白日依山";
		assertThat(twentyFour.getBytes(StandardCharsets.UTF_8)).hasSize(72);
		assertThatCode(() -> policy.check("someone", twentyFour)).doesNotThrowAnyException();
		assertThat(catchThrowableOfType(ConsoleUserRefusal.class, () -> policy.check("someone", twentyFour + "黄"))
			.getMessage()).isEqualTo("password.too-long");
		assertThat(catchThrowableOfType(ConsoleUserRefusal.class,
				() -> policy.check("someone", "x".repeat(60) + "-long-enough-words")).getMessage())
			.isEqualTo("password.too-long");
	}

	@Test
	void everyFeedbackTheEstimatorGivesHasAMessageInChineseAndEnglish() throws Exception {
		List<String> keys = new ArrayList<>(List.of(PasswordPolicy.CONTAINS_USERNAME, PasswordPolicy.GENERIC,
				"user.error.password.weak", "user.error.password.too-long", "user.error.password.mismatch",
				"user.password-confirmation", "user.password-rule"));
		for (Field field : Feedback.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				keys.add("password.feedback." + ((String) field.get(null)).substring("feedback.".length()));
			}
		}
		assertThat(keys).hasSizeGreaterThan(25);
		for (String bundle : List.of("messages.properties", "messages_en.properties")) {
			assertThat(load(bundle).stringPropertyNames()).as(bundle).containsAll(keys);
		}
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = PasswordPolicyTests.class.getClassLoader().getResourceAsStream(name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}

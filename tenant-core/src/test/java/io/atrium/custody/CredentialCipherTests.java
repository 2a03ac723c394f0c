package io.atrium.custody;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CredentialCipherTests {

	private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String KEY_2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	private static final String REFRESH_TOKEN = "refreshtoken@@@kEsEDf-令牌";

	private final CredentialCipher cipher = new CredentialCipher(Map.of("k1", KEY_1), "k1");

	@Test
	void sealThenOpenReturnsTheCredential() {
		String sealed = this.cipher.seal(REFRESH_TOKEN, "wxf8b4f85f3a794e77");
		assertThat(sealed).startsWith("k1:").doesNotContain("refreshtoken");
		assertThat(this.cipher.open(sealed, "wxf8b4f85f3a794e77")).isEqualTo(REFRESH_TOKEN);
	}

	@Test
	void sealingTwiceGivesDifferentValues() {
		assertThat(this.cipher.seal(REFRESH_TOKEN, "wx1")).isNotEqualTo(this.cipher.seal(REFRESH_TOKEN, "wx1"));
	}

	@Test
	void valueMovedToAnotherAccountDoesNotOpen() {
		String sealed = this.cipher.seal(REFRESH_TOKEN, "wx1");
		assertThatExceptionOfType(SealedCredentialException.class).isThrownBy(() -> this.cipher.open(sealed, "wx2"))
			.withMessageContaining("another account");
	}

	@Test
	void alteredValueDoesNotOpen() {
		String sealed = this.cipher.seal(REFRESH_TOKEN, "wx1");
		char last = sealed.charAt(sealed.length() - 2);
		String altered = sealed.substring(0, sealed.length() - 2) + ((last == 'A') ? 'B' : 'A')
				+ sealed.charAt(sealed.length() - 1);
		assertThatExceptionOfType(SealedCredentialException.class).isThrownBy(() -> this.cipher.open(altered, "wx1"));
	}

	@Test
	void malformedValuesAreRejectedClearly() {
		assertThatExceptionOfType(SealedCredentialException.class).isThrownBy(() -> this.cipher.open("nokey", "wx1"))
			.withMessageContaining("no key id");
		assertThatExceptionOfType(SealedCredentialException.class).isThrownBy(() -> this.cipher.open("k9:AAAA", "wx1"))
			.withMessageContaining("unknown key 'k9'");
		assertThatExceptionOfType(SealedCredentialException.class).isThrownBy(() -> this.cipher.open("k1:***", "wx1"))
			.withMessageContaining("not Base64");
		assertThatExceptionOfType(SealedCredentialException.class).isThrownBy(() -> this.cipher.open("k1:AAAA", "wx1"))
			.withMessageContaining("too short");
	}

	@Test
	void rotationOpensOldValuesAndReportsThemForResealing() {
		String sealedWithOldKey = this.cipher.seal(REFRESH_TOKEN, "wx1");
		CredentialCipher rotated = new CredentialCipher(Map.of("k1", KEY_1, "k2", KEY_2), "k2");
		assertThat(rotated.open(sealedWithOldKey, "wx1")).isEqualTo(REFRESH_TOKEN);
		assertThat(rotated.needsResealing(sealedWithOldKey)).isTrue();
		String resealed = rotated.seal(REFRESH_TOKEN, "wx1");
		assertThat(resealed).startsWith("k2:");
		assertThat(rotated.needsResealing(resealed)).isFalse();
		assertThatExceptionOfType(SealedCredentialException.class).isThrownBy(() -> this.cipher.open(resealed, "wx1"))
			.withMessageContaining("unknown key 'k2'");
	}

	@Test
	void badConfigurationIsRefusedWithoutShowingKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCipher(Map.of(), "k1"));
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCipher(Map.of("k1", KEY_1), "k2"))
			.withMessageContaining("'k2' is not configured");
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCipher(Map.of("k 1", KEY_1), "k 1"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CredentialCipher(Map.of("k1", Base64.getEncoder().encodeToString(new byte[16])), "k1"))
			.withMessageContaining("32 bytes, was 16");
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCipher(Map.of("k1", "not base64!"), "k1"))
			.withMessage("Credential key 'k1' is not Base64");
		assertThat(new CredentialCipher(Map.of("k1", KEY_2), "k1").toString()).doesNotContain(KEY_2).contains("k1");
	}

}

package io.atrium.content;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.atrium.token.onboarding.OnboardingProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ContentCursorsTests {

	private static final String SECRET = "test-only-state-secret-0123456789abcdef";

	private final ContentCursors cursors = new ContentCursors(new OnboardingProperties(SECRET));

	@Test
	void aCursorNamesTheNextPageOfItsListAndAccount() {
		String cursor = this.cursors.next(ContentCursor.MATERIALS, "wx1", 20, 20, "image", 20, 45);
		assertThat(this.cursors.read(cursor, ContentCursor.MATERIALS, "wx1"))
			.isEqualTo(new ContentCursor(ContentCursor.MATERIALS, "wx1", 40, 20, "image"));
		assertThat(this.cursors.next(ContentCursor.MATERIALS, "wx1", 40, 20, "image", 5, 45)).isNull();
		assertThat(this.cursors.next(ContentCursor.MATERIALS, "wx1", 40, 20, "image", 0, 45)).isNull();
	}

	@Test
	void aCursorWorksOnlyOnTheAccountAndListItWasMintedFor() {
		String cursor = this.cursors.next(ContentCursor.ARTICLES, "wx1", 0, 10, "true", 10, 24);
		refused(cursor, ContentCursor.ARTICLES, "wx2");
		refused(cursor, ContentCursor.MATERIALS, "wx1");
	}

	@Test
	void anAlteredForeignOrOldCursorIsRefused() {
		String cursor = this.cursors.next(ContentCursor.MATERIALS, "wx1", 0, 10, "image", 10, 24);
		String payload = cursor.substring(0, cursor.lastIndexOf('.'));
		String signature = cursor.substring(cursor.lastIndexOf('.') + 1);
		String larger = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
				.replace("|10|image", "|500|image")
				.getBytes(StandardCharsets.UTF_8));
		refused(larger + "." + signature, ContentCursor.MATERIALS, "wx1");
		refused(new ContentCursors(new OnboardingProperties("another-deployments-secret-0123456789")).next(ContentCursor.MATERIALS, "wx1", 0, 10,
				"image", 10, 24), ContentCursor.MATERIALS, "wx1");
		// The unsigned layout of before, and things that are not cursors at all.
		refused(Base64.getUrlEncoder().withoutPadding().encodeToString("v1|materials|10|10|image".getBytes()),
				ContentCursor.MATERIALS, "wx1");
		refused("Zm9v", ContentCursor.MATERIALS, "wx1");
		refused(payload + "." + signature + "x", ContentCursor.MATERIALS, "wx1");
		refused("a".repeat(600) + "." + signature, ContentCursor.MATERIALS, "wx1");
	}

	private void refused(String cursor, String list, String appId) {
		assertThatExceptionOfType(InvalidContentRequestException.class)
			.isThrownBy(() -> this.cursors.read(cursor, list, appId))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("cursor"));
	}

}

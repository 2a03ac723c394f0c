package io.atrium.sandbox.content;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContentSpecTests {

	@Test
	void defaultsSeedAMidSizedAccount() {
		assertThat(ContentSpec.defaults()).isEqualTo(new ContentSpec(24, 12, 4, 3, 6));
		assertThat(ContentSpec.defaults().count(MaterialType.IMAGE)).isEqualTo(12);
		assertThat(ContentSpec.defaults().count(MaterialType.VOICE)).isEqualTo(4);
		assertThat(ContentSpec.defaults().count(MaterialType.VIDEO)).isEqualTo(3);
		assertThat(ContentSpec.defaults().count(MaterialType.NEWS)).isEqualTo(6);
	}

	@Test
	void noneSeedsNothing() {
		assertThat(ContentSpec.none()).isEqualTo(new ContentSpec(0, 0, 0, 0, 0));
	}

	@Test
	void rejectsNegativeAndHugeCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ContentSpec(-1, 0, 0, 0, 0))
			.withMessageContaining("posts");
		assertThatIllegalArgumentException().isThrownBy(() -> new ContentSpec(0, 0, 0, 0, 10_001))
			.withMessageContaining("news");
	}

}

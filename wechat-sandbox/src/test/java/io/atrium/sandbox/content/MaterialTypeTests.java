package io.atrium.sandbox.content;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaterialTypeTests {

	@Test
	void fromWireReadsTheFourWireValues() {
		assertThat(MaterialType.fromWire("image")).contains(MaterialType.IMAGE);
		assertThat(MaterialType.fromWire("video")).contains(MaterialType.VIDEO);
		assertThat(MaterialType.fromWire("voice")).contains(MaterialType.VOICE);
		assertThat(MaterialType.fromWire("news")).contains(MaterialType.NEWS);
	}

	@Test
	void fromWireRejectsAnythingElse() {
		assertThat(MaterialType.fromWire("thumb")).isEmpty();
		assertThat(MaterialType.fromWire("IMAGE")).isEmpty();
		assertThat(MaterialType.fromWire("")).isEmpty();
		assertThat(MaterialType.fromWire(null)).isEmpty();
	}

	@Test
	void wireValueRoundTrips() {
		for (MaterialType type : MaterialType.values()) {
			assertThat(MaterialType.fromWire(type.wireValue())).contains(type);
		}
	}

}

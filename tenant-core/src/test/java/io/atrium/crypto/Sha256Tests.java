package io.atrium.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Tests {

	@Test
	void hexOfKnownVectors() {
		// FIPS 180-2 "abc" and the empty string.
		assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void utf8IsHashedAsBytes() {
		assertThat(Sha256.hex("授权码")).hasSize(64).isNotEqualTo(Sha256.hex("授权"));
	}

}

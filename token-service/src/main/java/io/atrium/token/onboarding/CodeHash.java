package io.atrium.token.onboarding;

import io.atrium.crypto.Sha256;

/**
 * The SHA-256 (hex) of a pre-auth or authorization code: how Atrium stores and finds codes without keeping them.
 * WeChat's codes are long random strings, so an unsalted hash cannot be reversed by guessing.
 */
record CodeHash(String hex) {

	static CodeHash of(String code) {
		return new CodeHash(Sha256.hex(code));
	}

}

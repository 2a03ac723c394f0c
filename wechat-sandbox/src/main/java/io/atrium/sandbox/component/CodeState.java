package io.atrium.sandbox.component;

/** Where a single-use code stands. */
public enum CodeState {

	VALID, UNKNOWN, USED, EXPIRED

}

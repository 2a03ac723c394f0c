/**
 * Seeded, deterministic content of the sandbox's fake merchant accounts (published posts and permanent
 * materials), the JSON WeChat answers with for it, and the images its URLs point at. Pure and immutable: the
 * sandbox's HTTP layer validates requests and calls {@link io.atrium.sandbox.content.ContentResponses} and
 * {@link io.atrium.sandbox.content.ImageRenderer}.
 */
package io.atrium.sandbox.content;
